// expect: data_race
// Same "last one out" pattern as acq_rel_fetch_add_chain_clean but with
// memory_order_relaxed fetch_add: relaxed RMWs do not synchronize, so the last
// thread's reads of the other threads' `partial` entries race with their writes.
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

long partial[4];
long grand_total = 0;
std::atomic<int> arrived{0};

void worker(int id) {
  long s = 0;
  for (int i = 0; i < 100; ++i) s += i + id;
  partial[id] = s;  // racy write
  if (arrived.fetch_add(1, std::memory_order_relaxed) == 3) {
    long t = 0;
    for (long p : partial) t += p;  // racy reads of other threads' partial
    grand_total = t;
  }
}

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker, i);
  for (auto &t : ts) t.join();
  std::printf("grand_total = %ld\n", grand_total);
  return 0;
}

// expect: none
// "Last one out" pattern: each of 4 threads writes partial[id] and then does
// arrived.fetch_add(1, acq_rel); the thread that sees 3 (the last) sums all
// partials. The RMW chain forms a release sequence and each acq_rel RMW acquires
// it, so every partial write happens before the final sum.
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
  partial[id] = s;
  if (arrived.fetch_add(1, std::memory_order_acq_rel) == 3) {
    long t = 0;
    for (long p : partial) t += p;
    grand_total = t;
  }
}

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker, i);
  for (auto &t : ts) t.join();
  std::printf("grand_total = %ld (expected 20400)\n", grand_total);
  return 0;
}

// expect: data_race
// Like latch_clean, but worker 0 calls count_down() *before* storing its result.
// main's read of results[0] after all_done.wait() is not ordered with worker 0's
// later write (worker 0 does nothing after it that main could synchronize with).
#include <cstdio>
#include <latch>
#include <thread>
#include <vector>

long results[4];
std::latch all_done(4);

void worker(int id) {
  long s = 0;
  for (int i = 0; i < 100; ++i) s += i * (id + 1);
  if (id == 0) {
    all_done.count_down();  // BUG: counted down too early
    results[0] = s;         // racy write
  } else {
    results[id] = s;
    all_done.count_down();
  }
}

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker, i);
  all_done.wait();
  long total = 0;
  for (long r : results) total += r;  // racy read of results[0]
  std::printf("total = %ld\n", total);
  for (auto &t : ts) t.join();
  return 0;
}

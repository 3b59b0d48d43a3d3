// expect: stall
// hangs: yes
// A std::latch expects 3 workers to count down, but only 2 workers are started (off-by-one in
// the launch loop). Main waits on the latch forever; the two workers have finished, so no live
// thread can ever count it down.
#include <cstdio>
#include <latch>
#include <thread>
#include <vector>

static constexpr int kWorkers = 3;
static std::latch done(kWorkers);

int main() {
  std::vector<std::thread> workers;
  for (int i = 1; i < kWorkers; ++i)  // BUG: starts kWorkers - 1 threads
    workers.emplace_back([i] {
      std::printf("worker %d done\n", i);
      done.count_down();
    });
  done.wait();  // never reaches zero
  for (auto &w : workers) w.join();
  return 0;
}

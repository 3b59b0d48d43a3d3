// expect: none
// Port of the seeds' shared-counter example: 5 threads each increment a global
// counter 1000 times, every increment inside a std::lock_guard<std::mutex>.
// All accesses to `counter` are in the critical section or after join: no race.
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

long counter = 0;
std::mutex counter_mutex;

void increment(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex> guard(counter_mutex);
    ++counter;
  }
}

int main() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 5; ++t) threads.emplace_back(increment, 1000);
  for (auto &th : threads) th.join();
  std::printf("counter = %ld (expected 5000)\n", counter);
  return 0;
}

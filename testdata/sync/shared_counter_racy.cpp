// expect: data_race
// Port of the seeds' shared-counter race: 5 threads each do `counter += 1`
// 1000 times with no lock. The read-modify-write of `counter` in different
// threads is unordered by happens-before, so this is a data race on `counter`.
#include <cstdio>
#include <thread>
#include <vector>

long counter = 0;

void increment(int n) {
  for (int i = 0; i < n; ++i) {
    counter += 1;  // racy read-modify-write
  }
}

int main() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 5; ++t) threads.emplace_back(increment, 1000);
  for (auto &th : threads) th.join();
  std::printf("counter = %ld (expected 5000, may be less)\n", counter);
  return 0;
}

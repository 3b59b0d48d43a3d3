// expect: data_race
// race-lines: 14
// The seeds' shared counter: five threads each increment one counter 100000
// times with no lock, so the read-modify-write of `count` races and updates
// are lost.
#include <cstdio>
#include <thread>
#include <vector>

struct Counter {
  long count = 0;
  void increment() {
    for (int i = 0; i < 100000; ++i)
      count += 1;
  }
};

int main() {
  Counter counter;
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i)
    threads.emplace_back(&Counter::increment, &counter);
  for (std::thread &t : threads)
    t.join();
  std::printf("count = %ld (expected 500000)\n", counter.count);
}

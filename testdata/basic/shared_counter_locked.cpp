// expect: none
// The shared counter made correct: every increment is a critical section
// guarded by a std::lock_guard, and the result is read after every join.
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

struct Counter {
  long count = 0;
  std::mutex lock;
  void increment() {
    for (int i = 0; i < 100000; ++i) {
      std::lock_guard<std::mutex> guard(lock);
      count += 1;
    }
  }
};

int main() {
  Counter counter;
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i)
    threads.emplace_back(&Counter::increment, &counter);
  for (std::thread &t : threads)
    t.join();
  std::printf("count = %ld\n", counter.count);
}

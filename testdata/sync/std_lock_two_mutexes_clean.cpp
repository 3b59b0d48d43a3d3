// expect: none
// std::lock(m1, m2) acquires both mutexes without deadlock, then lock_guards
// adopt them. Both threads update `pair_first`/`pair_second` only while holding
// both mutexes (taken in opposite argument order): no race.
#include <cstdio>
#include <mutex>
#include <thread>

int pair_first = 0, pair_second = 0;
std::mutex m1, m2;

void worker(bool reverse) {
  for (int i = 0; i < 100; ++i) {
    if (reverse) std::lock(m2, m1); else std::lock(m1, m2);
    std::lock_guard<std::mutex> g1(m1, std::adopt_lock);
    std::lock_guard<std::mutex> g2(m2, std::adopt_lock);
    ++pair_first;
    pair_second += 2;
  }
}

int main() {
  std::thread a(worker, false), b(worker, true);
  a.join();
  b.join();
  std::printf("first = %d, second = %d\n", pair_first, pair_second);
  return 0;
}

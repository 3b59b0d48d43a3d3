// expect: none
// Two threads update `shared_total` under a std::timed_mutex acquired with
// try_lock_for(10ms), retrying on timeout. The data is only touched after a
// successful try_lock_for, which synchronizes like lock(): no race.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

int shared_total = 0;
std::timed_mutex total_mutex;

void worker(int amount) {
  int done = 0;
  while (done < 100) {
    if (total_mutex.try_lock_for(std::chrono::milliseconds(10))) {
      shared_total += amount;
      total_mutex.unlock();
      ++done;
    }
  }
}

int main() {
  std::thread a(worker, 1), b(worker, 2);
  a.join();
  b.join();
  std::printf("shared_total = %d (expected 300)\n", shared_total);
  return 0;
}

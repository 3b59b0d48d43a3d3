// expect: none
// Peterson's mutual-exclusion lock for two threads built from seq_cst atomics
// (flag[2], turn). With seq_cst it is a correct lock, and the loads that end the
// wait read the other thread's stores (made after its critical section), so the
// critical sections incrementing `shared_counter` are ordered by happens-before.
#include <atomic>
#include <cstdio>
#include <thread>

long shared_counter = 0;
std::atomic<bool> flag[2] = {false, false};
std::atomic<int> turn{0};

void lock(int me) {
  int other = 1 - me;
  flag[me].store(true);
  turn.store(other);
  while (flag[other].load() && turn.load() == other) std::this_thread::yield();
}

void unlock(int me) { flag[me].store(false); }

void worker(int me) {
  for (int i = 0; i < 100; ++i) {
    lock(me);
    ++shared_counter;
    unlock(me);
  }
}

int main() {
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  std::printf("shared_counter = %ld (expected 200)\n", shared_counter);
  return 0;
}

// expect: data_race
// std::barrier with a completion function. Thread 0 calls arrive() (dropping the
// token, it never waits) and only then writes partial[0]; thread 1, after
// arrive_and_wait, reads its neighbour partial[0]. Thread 0's write follows its
// last synchronization (the arrival), so it is unordered with thread 1's read.
#include <barrier>
#include <cstdio>
#include <thread>

long partial[2];
long phase_total = 0;

void on_completion() noexcept { phase_total = partial[1]; }

std::barrier sync_point(2, on_completion);

void thread0() {
  (void)sync_point.arrive();
  partial[0] = 10;  // BUG: written after arriving (racy write)
}

void thread1(long *seen) {
  partial[1] = 20;
  sync_point.arrive_and_wait();
  *seen = partial[0] + phase_total;  // racy read of partial[0]
}

int main() {
  long seen = 0;
  std::thread a(thread0), b(thread1, &seen);
  a.join();
  b.join();
  std::printf("seen = %ld\n", seen);
  return 0;
}

// expect: lock_order_violation
// exit: 0
// T1 locks A then B, then counts a std::latch down; T2 waits on the latch before it locks B then
// A. Whatever the schedule, T2's critical section starts only after T1's ended, so the cycle
// cannot deadlock: a lock_order_violation note, not an inversion.
#include <latch>
#include <mutex>
#include <thread>

static std::mutex A, B;
static std::latch done(1);
static int total = 0;

int main() {
  std::thread t2([] {
    done.wait();
    std::lock_guard<std::mutex> b(B);
    std::lock_guard<std::mutex> a(A);
    ++total;
  });
  std::thread t1([] {
    {
      std::lock_guard<std::mutex> a(A);
      std::lock_guard<std::mutex> b(B);
      ++total;
    }
    done.count_down();
  });
  t1.join();
  t2.join();
  return total == 2 ? 0 : 1;
}

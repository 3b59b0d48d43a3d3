// expect: lock_order_violation
// exit: 0
// Two workers step through phases of a std::barrier: before the barrier worker 1 locks A then B,
// after it worker 2 locks B then A. The barrier keeps the phases apart in every schedule (and
// worker 1 keeps arriving at later phases while worker 2 is in its critical section, which
// must not count as ordering it): a lock_order_violation note.
#include <barrier>
#include <mutex>
#include <thread>

static std::mutex A, B;
static std::barrier<> phase(2);
static int total = 0;

int main() {
  std::thread w1([] {
    {
      std::lock_guard<std::mutex> a(A);
      std::lock_guard<std::mutex> b(B);
      ++total;
    }
    phase.arrive_and_wait();
    phase.arrive_and_wait();
  });
  std::thread w2([] {
    phase.arrive_and_wait();
    {
      std::lock_guard<std::mutex> b(B);
      std::lock_guard<std::mutex> a(A);
      ++total;
    }
    phase.arrive_and_wait();
  });
  w1.join();
  w2.join();
  return total == 2 ? 0 : 1;
}

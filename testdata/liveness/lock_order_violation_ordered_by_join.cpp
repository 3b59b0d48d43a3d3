// expect: lock_order_violation
// exit: 0
// T1 locks A then B and is joined by main; only then does main start T2, which locks B then A.
// The opposite orders are ordered by thread create/join, so the two nested sections can never
// run concurrently in any schedule: no inversion, but a lock_order_violation note (not failing
// the gate), as the same code run by two concurrent threads would deadlock.
#include <mutex>
#include <thread>

static std::mutex A, B;
static int total = 0;

int main() {
  std::thread t1([] {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);
    ++total;
  });
  t1.join();
  std::thread t2([] {
    std::lock_guard<std::mutex> b(B);
    std::lock_guard<std::mutex> a(A);
    ++total;
  });
  t2.join();
  return total == 2 ? 0 : 1;
}

// expect: lock_order_violation
// exit: 0
// A single thread locks A then B, and later B then A. Every lock-order edge comes from the same
// thread, which cannot wait for itself across the two sections, so this run cannot deadlock:
// not an inversion. The orders still form a cycle that two threads running this code would
// deadlock on, so it is a lock_order_violation note, which does not fail the gate.
// (Another thread exists but touches no lock.)
#include <mutex>
#include <thread>

static std::mutex A, B;
static int x = 0, y = 0;

int main() {
  std::thread other([] { /* no locks */ });
  {
    std::lock_guard<std::mutex> la(A);
    std::lock_guard<std::mutex> lb(B);
    ++x;
  }
  {
    std::lock_guard<std::mutex> lb(B);
    std::lock_guard<std::mutex> la(A);
    ++y;
  }
  other.join();
  return x + y == 2 ? 0 : 1;
}

// expect: none
// T1 locks A then B and is joined by main; only then does main start T2, which locks B then A.
// The opposite orders are ordered by thread create/join (happens-before), so the two nested
// sections can never run concurrently: no possible deadlock, no finding.
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

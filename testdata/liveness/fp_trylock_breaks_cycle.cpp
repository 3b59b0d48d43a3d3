// expect: none
// T1 holds A and only try_locks B (skipping the work if B is busy); T2 locks B then A,
// concurrently and many times. A failed try_lock never blocks, so T1 can always release A and
// the B->A edge cannot close a waiting cycle: no deadlock is possible, no finding.
#include <mutex>
#include <thread>

static std::mutex A, B;
static long both = 0, skipped = 0;

int main() {
  std::thread t1([] {
    for (int i = 0; i < 20000; ++i) {
      std::lock_guard<std::mutex> la(A);
      if (B.try_lock()) {
        ++both;
        B.unlock();
      } else {
        ++skipped;
      }
    }
  });
  std::thread t2([] {
    for (int i = 0; i < 20000; ++i) {
      std::lock_guard<std::mutex> lb(B);
      std::lock_guard<std::mutex> la(A);
      ++both;
    }
  });
  t1.join();
  t2.join();
  return both + skipped == 40000 ? 0 : 1;
}

// expect: none
// T1 uses std::lock(a, b) and T2 std::scoped_lock(b, a), concurrently and many times. The
// standard deadlock-avoidance algorithm blocks on one mutex only while holding none and
// try_locks the rest (backing off on failure), so the opposite argument orders cannot deadlock.
#include <mutex>
#include <thread>

static std::mutex a, b;
static long total = 0;

int main() {
  std::thread t1([] {
    for (int i = 0; i < 20000; ++i) {
      std::lock(a, b);
      std::lock_guard<std::mutex> ga(a, std::adopt_lock);
      std::lock_guard<std::mutex> gb(b, std::adopt_lock);
      ++total;
    }
  });
  std::thread t2([] {
    for (int i = 0; i < 20000; ++i) {
      std::scoped_lock both(b, a);
      ++total;
    }
  });
  t1.join();
  t2.join();
  return total == 40000 ? 0 : 1;
}

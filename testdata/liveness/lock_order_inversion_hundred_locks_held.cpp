// expect: lock_order_inversion
// One thread holds 100 mutexes at once (more than ThreadSanitizer's limit of
// 64), taken in index order; later another thread takes the last one and
// then the first. The orders 0 -> 99 and 99 -> 0 can deadlock; the sleep that
// keeps this run apart is no synchronization.
#include <chrono>
#include <mutex>
#include <thread>

static std::mutex locks[100];

int main() {
  std::thread ascending([] {
    for (std::mutex &m : locks)
      m.lock();
    for (int i = 99; i >= 0; --i)
      locks[i].unlock();
  });
  std::thread descending([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::lock_guard<std::mutex> last(locks[99]);
    std::lock_guard<std::mutex> first(locks[0]);
  });
  ascending.join();
  descending.join();
  return 0;
}

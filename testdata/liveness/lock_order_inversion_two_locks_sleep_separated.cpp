// expect: lock_order_inversion
// Thread 1 locks A then B; thread 2 sleeps 300 ms, then locks B then A. The sleep keeps the
// critical sections apart in this run, so it completes, but sleep is not synchronization: with
// other timing each thread could hold its first lock while waiting for the other's.
#include <chrono>
#include <mutex>
#include <thread>

static std::mutex A, B;
static int shared_total = 0;

int main() {
  std::thread t1([] {
    std::lock_guard<std::mutex> la(A);
    std::lock_guard<std::mutex> lb(B);
    ++shared_total;
  });
  std::thread t2([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::lock_guard<std::mutex> lb(B);
    std::lock_guard<std::mutex> la(A);
    ++shared_total;
  });
  t1.join();
  t2.join();
  return shared_total == 2 ? 0 : 1;
}

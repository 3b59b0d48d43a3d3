// expect: lock_order_inversion
// Both threads wait on a std::latch first and only then take A and B in opposite orders. The
// latch orders what came before it, not the two critical sections after it, which can run at
// once and deadlock: a real inversion, not a note. The second thread's sleep orders nothing
// either; it only keeps this run from deadlocking for real, so the finding is the prediction.
#include <latch>
#include <mutex>
#include <chrono>
#include <thread>

static std::mutex A, B;
static std::latch start(2);
static int total = 0;

int main() {
  std::thread t1([] {
    start.arrive_and_wait();
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);
    ++total;
  });
  std::thread t2([] {
    start.arrive_and_wait();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::lock_guard<std::mutex> b(B);
    std::lock_guard<std::mutex> a(A);
    ++total;
  });
  t1.join();
  t2.join();
  return total == 2 ? 0 : 1;
}

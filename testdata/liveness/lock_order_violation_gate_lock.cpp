// expect: lock_order_violation
// exit: 0
// Gate lock: T1 takes G then A then B, T2 takes G then B then A, concurrently and many times.
// A and B are taken in opposite orders, but always under the common lock G, so the two nested
// sections can never overlap and the A/B cycle cannot deadlock: no inversion. Only G keeps it
// so, which a lock_order_violation note (not failing the gate) says.
#include <mutex>
#include <thread>

static std::mutex G, A, B;
static long total = 0;

int main() {
  std::thread t1([] {
    for (int i = 0; i < 20000; ++i) {
      std::lock_guard<std::mutex> g(G);
      std::lock_guard<std::mutex> a(A);
      std::lock_guard<std::mutex> b(B);
      ++total;
    }
  });
  std::thread t2([] {
    for (int i = 0; i < 20000; ++i) {
      std::lock_guard<std::mutex> g(G);
      std::lock_guard<std::mutex> b(B);
      std::lock_guard<std::mutex> a(A);
      ++total;
    }
  });
  t1.join();
  t2.join();
  return total == 40000 ? 0 : 1;
}

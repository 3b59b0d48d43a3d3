// expect: deadlock, lock_order_inversion
// hangs: yes
// Dining-philosophers style cycle: T1 holds A and wants B, T2 holds B and wants C, T3 holds C
// and wants A. A barrier after the first lock guarantees all three hold their first mutex
// before reaching for the second, so they block on each other forever (the lock-order graph
// has the cycle A->B->C->A).
#include <barrier>
#include <mutex>
#include <thread>

static std::mutex A, B, C;
static std::barrier<> all_hold_first(3);

static void philosopher(std::mutex &first, std::mutex &second) {
  std::lock_guard<std::mutex> l1(first);
  all_hold_first.arrive_and_wait();
  std::lock_guard<std::mutex> l2(second);  // never acquired
}

int main() {
  std::thread t1(philosopher, std::ref(A), std::ref(B));
  std::thread t2(philosopher, std::ref(B), std::ref(C));
  std::thread t3(philosopher, std::ref(C), std::ref(A));
  t1.join();
  t2.join();
  t3.join();
  return 0;
}

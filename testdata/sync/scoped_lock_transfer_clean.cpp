// expect: none
// Two threads move money between two accounts in opposite directions, each
// taking both account mutexes with std::scoped_lock (deadlock-free multi-lock).
// Every access to balance_a/balance_b is under both mutexes: no race.
#include <cstdio>
#include <mutex>
#include <thread>

int balance_a = 1000, balance_b = 1000;
std::mutex mutex_a, mutex_b;

void a_to_b() {
  for (int i = 0; i < 100; ++i) {
    std::scoped_lock lk(mutex_a, mutex_b);
    balance_a -= 3;
    balance_b += 3;
  }
}

void b_to_a() {
  for (int i = 0; i < 100; ++i) {
    std::scoped_lock lk(mutex_b, mutex_a);  // opposite order is fine with scoped_lock
    balance_b -= 2;
    balance_a += 2;
  }
}

int main() {
  std::thread t1(a_to_b), t2(b_to_a);
  t1.join();
  t2.join();
  std::printf("a = %d, b = %d, total = %d\n", balance_a, balance_b, balance_a + balance_b);
  return 0;
}

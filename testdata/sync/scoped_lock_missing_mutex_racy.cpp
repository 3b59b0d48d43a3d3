// expect: data_race
// t1 moves a->b holding std::scoped_lock(mutex_a, mutex_b). t2 moves c->b but
// locks only mutex_c (forgot mutex_b). The two threads share no mutex, so their
// updates of `balance_b` are unordered: data race on balance_b.
#include <cstdio>
#include <mutex>
#include <thread>

int balance_a = 1000, balance_b = 1000, balance_c = 1000;
std::mutex mutex_a, mutex_b, mutex_c;

void a_to_b() {
  for (int i = 0; i < 100; ++i) {
    std::scoped_lock lk(mutex_a, mutex_b);
    balance_a -= 1;
    balance_b += 1;  // racy (t2 does not hold mutex_b)
  }
}

void c_to_b() {
  for (int i = 0; i < 100; ++i) {
    std::scoped_lock lk(mutex_c);  // BUG: should be scoped_lock(mutex_c, mutex_b)
    balance_c -= 1;
    balance_b += 1;  // racy
  }
}

int main() {
  std::thread t1(a_to_b), t2(c_to_b);
  t1.join();
  t2.join();
  std::printf("a=%d b=%d c=%d\n", balance_a, balance_b, balance_c);
  return 0;
}

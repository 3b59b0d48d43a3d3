// expect: lock_order_inversion
// Classic account transfer that locks the source account, then the destination. One teller
// moves money a->b, another (300 ms later, by sleep only) moves b->a, so the two threads take
// the two account mutexes in opposite orders. This run finishes, but the orders could deadlock.
#include <chrono>
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  long balance = 100;
};

static void transfer(Account &from, Account &to, long amount) {
  std::lock_guard<std::mutex> lf(from.m);
  std::lock_guard<std::mutex> lt(to.m);
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  Account a, b;
  std::thread teller1([&] {
    for (int i = 0; i < 10; ++i) transfer(a, b, 1);
  });
  std::thread teller2([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    for (int i = 0; i < 10; ++i) transfer(b, a, 2);
  });
  teller1.join();
  teller2.join();
  return a.balance + b.balance == 200 ? 0 : 1;
}

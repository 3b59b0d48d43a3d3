// expect: data_race
// Both threads read `balance` under a std::unique_lock but call lk.unlock()
// too early and write the new value back outside the critical section. Each
// thread's last write comes after its last unlock, so the writes are unordered.
#include <cstdio>
#include <mutex>
#include <thread>

int balance = 0;
std::mutex balance_mutex;

void deposit(int amount) {
  for (int i = 0; i < 100; ++i) {
    std::unique_lock<std::mutex> lk(balance_mutex);
    int current = balance;       // read under the lock
    lk.unlock();                 // BUG: released before the write
    balance = current + amount;  // racy write outside the lock
  }
}

int main() {
  std::thread a(deposit, 1), b(deposit, 2);
  a.join();
  b.join();
  std::printf("balance = %d\n", balance);
  return 0;
}

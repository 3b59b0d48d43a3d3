// expect: none
// Objects with a std::mutex member are locked, unlocked and then deleted,
// and the memory is reused for new objects: freeing an unlocked mutex is
// no misuse.
#include <cstdio>
#include <mutex>
#include <thread>

struct Account {
  std::mutex lock;
  long balance = 0;
};

int main() {
  for (int round = 0; round < 3; ++round) {
    Account *account = new Account;
    std::thread worker([account] {
      std::lock_guard<std::mutex> guard(account->lock);
      account->balance += 10;
    });
    worker.join();
    delete account;
  }
  std::printf("done\n");
  return 0;
}

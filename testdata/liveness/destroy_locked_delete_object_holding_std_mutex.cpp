// expect: destroy_locked
// An account object with a std::mutex member is deleted while a thread
// still holds its mutex. std::mutex has a trivial destructor, so no destroy
// call is made: freeing the memory is what destroys the locked mutex.
#include <cstdio>
#include <mutex>
#include <thread>

struct Account {
  std::mutex lock;
  long balance = 0;
};

int main() {
  Account *account = new Account;
  std::thread worker([account] {
    account->lock.lock();
    account->balance += 10;
    delete account; // frees the mutex it still holds
  });
  worker.join();
  std::printf("done\n");
  return 0;
}

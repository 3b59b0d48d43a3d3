// expect: unlock_not_owned
// Port of the seeds' "Releasing unowned reentrant lock": main acquires an RLock (std::recursive_mutex)
// and a child thread calls release() on it. Python raises RuntimeError; glibc's recursive mutex
// returns EPERM (ignored by std::recursive_mutex::unlock), so the lock stays with main, which then
// releases it properly. Only the child's unlock is wrong; no hang, no crash.
#include <cstdio>
#include <mutex>
#include <thread>

static std::recursive_mutex rlock;

static void perform_unlock() {
  rlock.unlock();  // not the owner: main holds rlock
  std::puts("child task executing");
}

int main() {
  rlock.lock();  // reentrant lock acquired by main thread
  std::thread child(perform_unlock);
  child.join();
  rlock.unlock();  // the owner's release: fine
  return 0;
}

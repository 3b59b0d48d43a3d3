// expect: lock_leak
// A worker locks a std::mutex and returns on an error path without unlocking it, so the thread
// exits while holding the lock. Main joins it and only try_lock()s afterwards (which fails), so
// the program still ends normally.
#include <cstdio>
#include <mutex>
#include <thread>

static std::mutex m;
static int items = 0;

static bool process(int n) {
  m.lock();
  if (n < 0) return false;  // BUG: early return keeps m locked
  items += n;
  m.unlock();
  return true;
}

int main() {
  std::thread worker([] { process(-1); });
  worker.join();
  if (m.try_lock()) {
    std::puts("lock is free");
    m.unlock();
  } else {
    std::puts("lock was leaked by the worker");
  }
  return 0;
}

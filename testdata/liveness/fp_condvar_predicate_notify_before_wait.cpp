// expect: none
// The missed-signal scenario done right: the notifier sets a flag and notifies before the
// waiter even starts, but the waiter uses wait() with a predicate (a while loop on the flag),
// sees the flag already set and never blocks. No stall.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

static std::mutex m;
static std::condition_variable cv;
static bool ready = false;

int main() {
  std::thread notifier([] {
    std::lock_guard<std::mutex> lk(m);
    ready = true;
    cv.notify_one();  // nobody waiting yet
  });
  notifier.join();
  std::thread waiter([] {
    std::unique_lock<std::mutex> lk(m);
    cv.wait(lk, [] { return ready; });  // predicate already true: returns at once
    std::puts("waiter saw ready");
  });
  waiter.join();
  return 0;
}

// expect: none
// Main holds a mutex once for 1.5 s while a worker waits for it. The worker waits >1 s, but
// nobody else keeps taking and releasing the lock in the meantime (one long hold, one release,
// then the worker gets it): a slow critical section, not starvation and not a deadlock.
#include <chrono>
#include <mutex>
#include <thread>

static std::mutex m;
static int value = 0;

int main() {
  std::unique_lock<std::mutex> hold(m);
  std::thread worker([] {
    std::lock_guard<std::mutex> g(m);
    ++value;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  value = 10;
  hold.unlock();
  worker.join();
  return value == 11 ? 0 : 1;
}

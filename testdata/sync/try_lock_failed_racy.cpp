// expect: data_race
// owner writes `shared_config` under m, unlocks, then re-locks and holds m while
// prober calls try_lock(), which always fails. A failed try_lock synchronizes with
// nothing (the handshake flags are relaxed), so prober's read of shared_config
// is unordered with owner's write. A tool treating failed try_lock as acquire misses it.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

int shared_config = 0;
std::mutex m;
std::atomic<bool> holding{false}, probed{false};

void owner() {
  m.lock();
  shared_config = 42;  // racy write (protected only by m)
  m.unlock();
  m.lock();  // hold m while the prober tries
  holding.store(true, std::memory_order_relaxed);
  while (!probed.load(std::memory_order_relaxed)) std::this_thread::yield();
  m.unlock();
}

void prober() {
  while (!holding.load(std::memory_order_relaxed)) std::this_thread::yield();
  if (!m.try_lock()) {
    // BUG: uses the data although the lock was not acquired
    std::printf("config = %d\n", shared_config);  // racy read
  } else {
    m.unlock();
  }
  probed.store(true, std::memory_order_relaxed);
}

int main() {
  std::thread a(owner), b(prober);
  a.join();
  b.join();
  return 0;
}

// expect: data_race
// writer holds the std::recursive_timed_mutex recursively (locked twice) while
// it updates `cache_value`, and keeps it until reader has timed out. reader's
// try_lock_for always fails and it falls back to reading cache_value without
// the lock: no happens-before (the handshake flags are relaxed), so they race.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

int cache_value = 0;
std::recursive_timed_mutex cache_mutex;
std::atomic<bool> holding{false}, timed_out{false};

void writer() {
  cache_mutex.lock();
  cache_mutex.lock();
  holding.store(true, std::memory_order_relaxed);
  cache_value = 7;  // racy write
  while (!timed_out.load(std::memory_order_relaxed)) std::this_thread::yield();
  cache_mutex.unlock();
  cache_mutex.unlock();
}

void reader() {
  while (!holding.load(std::memory_order_relaxed)) std::this_thread::yield();
  if (cache_mutex.try_lock_for(std::chrono::milliseconds(1))) {
    cache_mutex.unlock();
  } else {
    std::printf("fallback read %d\n", cache_value);  // racy read
  }
  timed_out.store(true, std::memory_order_relaxed);
}

int main() {
  std::thread a(writer), b(reader);
  a.join();
  b.join();
  return 0;
}

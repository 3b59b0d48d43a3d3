// expect: data_race
// holder locks the std::timed_mutex and keeps it until the reader has given up;
// reader's try_lock_for(1ms) therefore always times out, and on timeout it reads
// `sensor_value` anyway. A timed-out try_lock_for gives no happens-before, so the
// read races with holder's write (handshake flags are relaxed atomics only).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

int sensor_value = 0;
std::timed_mutex sensor_mutex;
std::atomic<bool> holding{false}, gave_up{false};

void holder() {
  sensor_mutex.lock();
  holding.store(true, std::memory_order_relaxed);
  sensor_value = 99;  // racy write (under the lock)
  while (!gave_up.load(std::memory_order_relaxed)) std::this_thread::yield();
  sensor_mutex.unlock();
}

void reader() {
  while (!holding.load(std::memory_order_relaxed)) std::this_thread::yield();
  if (sensor_mutex.try_lock_for(std::chrono::milliseconds(1))) {
    sensor_mutex.unlock();
  } else {
    std::printf("timed out, stale value %d\n", sensor_value);  // racy read
  }
  gave_up.store(true, std::memory_order_relaxed);
}

int main() {
  std::thread a(holder), b(reader);
  a.join();
  b.join();
  return 0;
}

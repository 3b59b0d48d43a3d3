// expect: data_race
// The writer uses atomic_thread_fence(release) + a relaxed store correctly, but
// the reader spins on a relaxed load and has no acquire fence (or acquire load).
// Without an acquire side there is no synchronizes-with: race on `data`.
#include <atomic>
#include <cstdio>
#include <thread>

int data = 0;
std::atomic<bool> ready{false};

void writer() {
  data = 42;  // racy write
  std::atomic_thread_fence(std::memory_order_release);
  ready.store(true, std::memory_order_relaxed);
}

void reader() {
  while (!ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  // BUG: missing std::atomic_thread_fence(std::memory_order_acquire)
  std::printf("data = %d\n", data);  // racy read
}

int main() {
  std::thread r(reader), w(writer);
  w.join();
  r.join();
  return 0;
}

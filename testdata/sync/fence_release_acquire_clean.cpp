// expect: none
// Fence-to-fence synchronization: the writer stores `data`, issues
// atomic_thread_fence(release), then a relaxed store of ready; the reader spins
// on a relaxed load, then issues atomic_thread_fence(acquire) before reading
// data. The release fence synchronizes with the acquire fence: no race.
#include <atomic>
#include <cstdio>
#include <thread>

int data = 0;
std::atomic<bool> ready{false};

void writer() {
  data = 42;
  std::atomic_thread_fence(std::memory_order_release);
  ready.store(true, std::memory_order_relaxed);
}

void reader() {
  while (!ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::atomic_thread_fence(std::memory_order_acquire);
  std::printf("data = %d\n", data);
}

int main() {
  std::thread r(reader), w(writer);
  w.join();
  r.join();
  return 0;
}

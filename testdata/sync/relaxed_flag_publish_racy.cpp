// expect: data_race
// Message passing with memory_order_relaxed: the writer stores `data` and then
// sets `ready` relaxed; the reader spins on a relaxed load and reads data.
// Relaxed operations do not synchronize, so the accesses to data race.
#include <atomic>
#include <cstdio>
#include <thread>

int data = 0;
std::atomic<bool> ready{false};

void writer() {
  data = 42;  // racy write
  ready.store(true, std::memory_order_relaxed);
}

void reader() {
  while (!ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::printf("data = %d\n", data);  // racy read
}

int main() {
  std::thread r(reader), w(writer);
  w.join();
  r.join();
  return 0;
}

// expect: none
// Message passing with release/acquire: the writer stores `data` then
// ready.store(true, release); the reader spins on ready.load(acquire) and then
// reads data. The acquire load reading true synchronizes with the release store.
#include <atomic>
#include <cstdio>
#include <thread>

int data = 0;
std::atomic<bool> ready{false};

void writer() {
  data = 42;
  ready.store(true, std::memory_order_release);
}

void reader() {
  while (!ready.load(std::memory_order_acquire)) std::this_thread::yield();
  std::printf("data = %d\n", data);
}

int main() {
  std::thread r(reader), w(writer);
  w.join();
  r.join();
  return 0;
}

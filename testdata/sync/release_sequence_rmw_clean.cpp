// expect: none
// Release sequence: the producer writes `data` and does flag.store(1, release);
// a relay thread waits for 1 and does flag.fetch_add(1, relaxed) (an RMW, so it
// continues the release sequence); the consumer waits for 2 with acquire loads.
// Reading the RMW's value synchronizes with the producer's store: no race.
#include <atomic>
#include <cstdio>
#include <thread>

int data = 0;
std::atomic<int> flag{0};

void producer() {
  data = 42;
  flag.store(1, std::memory_order_release);
}

void relay() {
  while (flag.load(std::memory_order_relaxed) != 1) std::this_thread::yield();
  flag.fetch_add(1, std::memory_order_relaxed);  // RMW: extends the release sequence
}

void consumer() {
  while (flag.load(std::memory_order_acquire) != 2) std::this_thread::yield();
  std::printf("data = %d\n", data);
}

int main() {
  std::thread c(consumer), r(relay), p(producer);
  p.join();
  r.join();
  c.join();
  return 0;
}

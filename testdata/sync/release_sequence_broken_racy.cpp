// expect: data_race
// Like release_sequence_rmw_clean, but the relay thread uses a plain relaxed
// *store* of 2 instead of an RMW. A store by another thread ends the release
// sequence headed by the producer's store, so the consumer's acquire load of 2
// synchronizes with nothing: its read of `data` races with the producer's write.
#include <atomic>
#include <cstdio>
#include <thread>

int data = 0;
std::atomic<int> flag{0};

void producer() {
  data = 42;  // racy write
  flag.store(1, std::memory_order_release);
}

void relay() {
  while (flag.load(std::memory_order_relaxed) != 1) std::this_thread::yield();
  flag.store(2, std::memory_order_relaxed);  // BUG: not an RMW, breaks the release sequence
}

void consumer() {
  // Spin without acquiring, so the one acquire load below reads 2: an acquire
  // load that happened to read 1 would synchronize with the producer.
  while (flag.load(std::memory_order_relaxed) != 2) std::this_thread::yield();
  if (flag.load(std::memory_order_acquire) == 2)
    std::printf("data = %d\n", data);  // racy read
}

int main() {
  std::thread c(consumer), r(relay), p(producer);
  p.join();
  r.join();
  c.join();
  return 0;
}

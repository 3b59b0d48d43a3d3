// expect: data_race
// race-lines: 25 32
// The owner fills its slots under a lock, then reads them back after the
// unlock (its own data, written in an earlier epoch); an auditor that took
// the lock once, before the reads, overwrites the slots without it. Its
// writes are ordered after the fill but not after the read-back: a race
// with the reads, which the shadow keeps in one word with the fill.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

constexpr int Slots = 256;
int slots[Slots];
std::mutex lock;
std::atomic<int> phase{0};

void owner(long *sum) {
  {
    std::lock_guard<std::mutex> guard(lock);
    for (int i = 0; i < Slots; ++i)
      slots[i] = i;
  }
  for (int i = 0; i < Slots; ++i)
    *sum += slots[i];
  phase.store(1, std::memory_order_relaxed);
}

void auditor() {
  { std::lock_guard<std::mutex> guard(lock); }
  for (int i = 0; i < Slots; ++i)
    slots[i] = -i;
}

int main() {
  long sum = 0;
  std::thread a(owner, &sum);
  while (phase.load(std::memory_order_relaxed) == 0)
    std::this_thread::yield();
  std::thread b(auditor);
  a.join();
  b.join();
  std::printf("sum = %ld\n", sum);
  return 0;
}

// expect: none
// Single-producer/single-consumer ring buffer of 4 slots guarded by two
// std::counting_semaphore<4>: empty_slots (starts at 4) and full_slots (starts
// at 0). release() happens before the acquire() that takes its permit, so each
// slot write is ordered before its read and each read before the slot's reuse.
#include <cstdio>
#include <semaphore>
#include <thread>

int ring[4];
std::counting_semaphore<4> empty_slots(4), full_slots(0);

void producer() {
  for (int i = 1; i <= 100; ++i) {
    empty_slots.acquire();
    ring[i % 4] = i;
    full_slots.release();
  }
}

void consumer(long *sum) {
  for (int i = 1; i <= 100; ++i) {
    full_slots.acquire();
    *sum += ring[i % 4];
    empty_slots.release();
  }
}

int main() {
  long sum = 0;
  std::thread p(producer), c(consumer, &sum);
  p.join();
  c.join();
  std::printf("sum = %ld (expected 5050)\n", sum);
  return 0;
}

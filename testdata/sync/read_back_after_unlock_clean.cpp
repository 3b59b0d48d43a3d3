// expect: none
// The owner fills its slots under a lock and reads them back after the
// unlock; the auditor overwrites them only after joining the owner. The
// fill and the read-back share one shadow word per granule, and the join
// orders both before the auditor's writes.
#include <cstdio>
#include <mutex>
#include <thread>

constexpr int Slots = 256;
int slots[Slots];
std::mutex lock;

void owner(long *sum) {
  {
    std::lock_guard<std::mutex> guard(lock);
    for (int i = 0; i < Slots; ++i)
      slots[i] = i;
  }
  for (int i = 0; i < Slots; ++i)
    *sum += slots[i];
}

int main() {
  long sum = 0;
  std::thread a(owner, &sum);
  a.join();
  std::thread b([] {
    std::lock_guard<std::mutex> guard(lock);
    for (int i = 0; i < Slots; ++i)
      slots[i] = -i;
  });
  b.join();
  std::printf("sum = %ld\n", sum);
  return 0;
}

// Tens of thousands of short-lived threads, two alive at a time: each pair
// is created, does a little private work, updates shared counters under a
// mutex, and is joined before the next pair starts. Measures what thread
// creation, exit and join cost a detector.
// Usage: short_threads [scale]   (scale multiplies the number of threads)
#include <pthread.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "WorkloadScale.h"

namespace {

constexpr long kDefaultThreads = 40000;
constexpr int kSlots = 64;

pthread_mutex_t sharedLock = PTHREAD_MUTEX_INITIALIZER;
uint64_t slots[kSlots]; // guarded by sharedLock
uint64_t finished;      // guarded by sharedLock

void *body(void *arg) {
  auto index = reinterpret_cast<uintptr_t>(arg);
  uint64_t scratch[1024];
  for (int k = 0; k < 1024; ++k)
    scratch[k] = index * 31 + k;
  uint64_t sum = 0;
  for (int k = 0; k < 1024; k += 3)
    sum += scratch[k];
  pthread_mutex_lock(&sharedLock);
  slots[index % kSlots] += sum;
  ++finished;
  pthread_mutex_unlock(&sharedLock);
  return nullptr;
}

} // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  long total = static_cast<long>(kDefaultThreads * scale) & ~1L;
  total = total < 2 ? 2 : total;
  for (long i = 0; i < total; i += 2) {
    pthread_t a, b;
    if (pthread_create(&a, nullptr, body, reinterpret_cast<void *>(i)) != 0 ||
        pthread_create(&b, nullptr, body, reinterpret_cast<void *>(i + 1)) !=
            0) {
      std::fprintf(stderr, "short_threads: pthread_create failed at %ld\n", i);
      return 1;
    }
    pthread_join(a, nullptr);
    pthread_join(b, nullptr);
  }
  uint64_t checksum = 0;
  for (uint64_t s : slots)
    checksum = checksum * 31 + s;
  if (finished != static_cast<uint64_t>(total)) {
    std::fprintf(stderr, "short_threads: %llu of %ld threads finished\n",
                 static_cast<unsigned long long>(finished), total);
    return 1;
  }
  std::printf("short_threads: threads=%ld checksum=%llu\n", total,
              static_cast<unsigned long long>(checksum));
  return 0;
}

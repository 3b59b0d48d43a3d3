// expect: none
// Conflicting accesses that are all atomic never form a data race, even when
// relaxed: one thread does relaxed fetch_add on `hits` through std::atomic_ref,
// another does relaxed stores and loads through std::atomic_ref as well.
#include <atomic>
#include <cstdio>
#include <thread>

int hits = 0;

void counter_thread() {
  for (int i = 0; i < 100; ++i) std::atomic_ref<int>(hits).fetch_add(1, std::memory_order_relaxed);
}

void reset_thread(long *seen) {
  for (int i = 0; i < 100; ++i) {
    if (i % 10 == 0) std::atomic_ref<int>(hits).store(0, std::memory_order_relaxed);
    *seen += std::atomic_ref<int>(hits).load(std::memory_order_relaxed);
    std::this_thread::yield();
  }
}

int main() {
  long seen = 0;
  std::thread a(counter_thread), b(reset_thread, &seen);
  a.join();
  b.join();
  std::printf("hits = %d, seen >= 0: %d\n", hits, seen >= 0);
  return 0;
}

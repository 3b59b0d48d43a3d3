// expect: data_race
// `hits` is a plain int that one thread updates atomically (via
// std::atomic_ref fetch_add) while another thread resets it with a plain store.
// A non-atomic access conflicting with an atomic one, with no happens-before
// between them, is a data race.
#include <atomic>
#include <cstdio>
#include <thread>

int hits = 0;

void counter_thread() {
  for (int i = 0; i < 100; ++i) std::atomic_ref<int>(hits).fetch_add(1);  // atomic RMW
}

void reset_thread() {
  for (int i = 0; i < 100; ++i) {
    if (i % 10 == 0) hits = 0;  // BUG: plain (non-atomic) store, racy
    std::this_thread::yield();
  }
}

int main() {
  std::thread a(counter_thread), b(reset_thread);
  a.join();
  b.join();
  std::printf("hits = %d\n", hits);
  return 0;
}

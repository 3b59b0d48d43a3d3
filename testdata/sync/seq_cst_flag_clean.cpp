// expect: none
// Publication with default (seq_cst) atomics: the writer fills `table` then
// sets `published` with a seq_cst store; the reader spins on seq_cst loads.
// seq_cst stores are releases and seq_cst loads are acquires: no race.
#include <atomic>
#include <cstdio>
#include <thread>

int table[8];
std::atomic<int> published{0};

void writer() {
  for (int i = 0; i < 8; ++i) table[i] = i + 1;
  published = 1;  // seq_cst store
}

void reader(long *sum) {
  while (published == 0) std::this_thread::yield();  // seq_cst load
  for (int v : table) *sum += v;
}

int main() {
  long sum = 0;
  std::thread r(reader, &sum), w(writer);
  w.join();
  r.join();
  std::printf("sum = %ld (expected 36)\n", sum);
  return 0;
}

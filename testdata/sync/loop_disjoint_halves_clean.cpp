// expect: none
// Two threads sweep one shared array in loops, each its own half. The range
// checked before each loop covers exactly the half the loop writes, so the
// neighbouring halves do not look like a race.
#include <cstdio>
#include <thread>

constexpr int Size = 4096;
long table[Size];

__attribute__((noinline)) void fill(long *first, int count, long value) {
  for (int i = 0; i < count; ++i)
    first[i] = value + i;
}

int main() {
  std::thread a(fill, table, Size / 2, 1L);
  std::thread b(fill, table + Size / 2, Size / 2, 2L);
  a.join();
  b.join();
  long sum = 0;
  for (long v : table)
    sum += v;
  std::printf("sum = %ld\n", sum);
  return 0;
}

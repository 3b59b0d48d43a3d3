// expect: data_race
// race-lines: 14
// Two threads sweep the same shared array with a plain loop and no lock: the
// analyzer checks such a loop once, over its whole range, before it starts,
// and the overlapping writes must still be found.
#include <cstdio>
#include <thread>

constexpr int Size = 4096;
int table[Size];

__attribute__((noinline)) void fill(int value) {
  for (int i = 0; i < Size; ++i)
    table[i] = value + i;
}

int main() {
  std::thread a(fill, 1), b(fill, 2);
  a.join();
  b.join();
  std::printf("table[7] = %d\n", table[7]);
  return 0;
}

// expect: none
// Two threads write interleaved elements of one array: thread 0 the even
// ones, thread 1 the odd ones. A loop whose stride is wider than its access
// touches only every other element, so it must not be checked as if it
// wrote the whole span.
#include <cstdio>
#include <thread>

constexpr int Size = 4096;
int table[Size];

__attribute__((noinline)) void fill(int first) {
  for (int i = first; i < Size; i += 2)
    table[i] = i;
}

int main() {
  std::thread a(fill, 0), b(fill, 1);
  a.join();
  b.join();
  long sum = 0;
  for (int v : table)
    sum += v;
  std::printf("sum = %ld\n", sum);
  return 0;
}

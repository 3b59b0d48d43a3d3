// expect: none
// args: --cflags "-std=c++20 -g -O2"
// Loops the optimizer unrolls and vectorizes, over memory two threads
// share without overlapping: even and odd elements of one array, three of
// every four elements of another and the fourth, and the two halves of a
// third split at an element that is not granule-aligned.
// The analyzer checks such loops once, before they run, over the bytes
// they touch; accesses with gaps between them (a stride wider than the
// element) must not be widened into a range over the other thread's bytes.
#include <cstdio>
#include <thread>

constexpr int Size = 8192;
constexpr int Split = 4097; // an odd element: halves share a granule
int interleaved[Size];
int quarters[Size];
short halves[Size];

__attribute__((noinline)) void everyOther(int first, int value) {
#pragma clang loop unroll_count(4)
  for (int i = first; i < Size; i += 2)
    interleaved[i] = value + i;
}

// Elements 0, 1 and 3 of every four: together they span a whole stride,
// with a hole at element 2.
__attribute__((noinline)) void threeOfFour(int value) {
  for (int i = 0; i < Size; i += 4) {
    quarters[i] = value;
    quarters[i + 1] = value + 1;
    quarters[i + 3] = value + 3;
  }
}

__attribute__((noinline)) void everyFourth(int value) {
  for (int i = 2; i < Size; i += 4)
    quarters[i] = value;
}

__attribute__((noinline)) void fillHalf(int begin, int end, short value) {
  for (int i = begin; i < end; ++i)
    halves[i] = short(value + i);
}

__attribute__((noinline)) long sumHalf(int begin, int end) {
  long sum = 0;
  for (int i = begin; i < end; ++i)
    sum += halves[i];
  return sum;
}

int main() {
  long sums[2] = {};
  std::thread a([&] {
    for (int round = 0; round < 50; ++round) {
      everyOther(0, round);
      threeOfFour(round);
      fillHalf(0, Split, short(round));
      sums[0] += sumHalf(0, Split);
    }
  });
  std::thread b([&] {
    for (int round = 0; round < 50; ++round) {
      everyOther(1, -round);
      everyFourth(-round);
      fillHalf(Split, Size, short(-round));
      sums[1] += sumHalf(Split, Size);
    }
  });
  a.join();
  b.join();
  std::printf("%d %d %d %ld\n", interleaved[10], interleaved[11], quarters[6],
              sums[0] + sums[1]);
  return 0;
}

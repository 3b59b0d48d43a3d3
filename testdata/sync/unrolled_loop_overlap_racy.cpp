// expect: data_race
// args: --cflags "-std=c++20 -g -O2"
// race-lines: 16 22
// One thread fills an array in a loop the optimizer unrolls and
// vectorizes; another sums a window in its middle without waiting. The
// loops are checked once each, over their whole range, before they run:
// the overlap must still be found, and named at the loops' lines.
#include <cstdio>
#include <thread>

constexpr int Size = 1 << 16;
double samples[Size];

__attribute__((noinline)) void fill(double scale) {
  for (int i = 0; i < Size; ++i)
    samples[i] = scale * i;
}

__attribute__((noinline)) double window(int begin, int end) {
  double sum = 0;
  for (int i = begin; i < end; ++i)
    sum += samples[i];
  return sum;
}

int main() {
  double result = 0;
  std::thread writer([] { fill(0.5); });
  std::thread reader([&] { result = window(Size / 2, Size / 2 + 512); });
  writer.join();
  reader.join();
  std::printf("%f\n", result);
  return 0;
}

// expect: data_race
// args: --cflags "-std=c++20 -g -O2"
// race-lines: 16 24
// A vectorized loop full of math (fused multiply-adds, min): the loop's
// accesses are checked as one range before it runs, which must still find
// the other thread's unordered read of one element in the middle.
#include <algorithm>
#include <thread>

constexpr int kCount = 4096;
double input[kCount], output[kCount];
volatile double seen;

void scale(double a, double b) {
  for (int i = 0; i < kCount; ++i)
    output[i] = std::min(a * input[i] + b, 1e9);
}

int main() {
  for (int i = 0; i < kCount; ++i)
    input[i] = i * 0.5;
  std::thread writer(scale, 2.0, 1.0);
  std::thread reader([] {
    seen = output[kCount / 2];
  });
  writer.join();
  reader.join();
  return 0;
}

// expect: none
// args: --cflags "-std=c++20 -g -O2"
// Two threads run vectorized math loops (fused multiply-adds, min) over
// their own halves of one array: the range each loop checks before it runs
// covers exactly its own half, so nothing races.
#include <algorithm>
#include <thread>

constexpr int kCount = 4096;
double input[kCount], output[kCount];

void scale(int begin, int end, double a, double b) {
  for (int i = begin; i < end; ++i)
    output[i] = std::min(a * input[i] + b, 1e9);
}

int main() {
  for (int i = 0; i < kCount; ++i)
    input[i] = i * 0.5;
  std::thread low(scale, 0, kCount / 2, 2.0, 1.0);
  std::thread high(scale, kCount / 2, kCount, 3.0, 0.5);
  low.join();
  high.join();
  double sum = 0;
  for (double v : output)
    sum += v;
  return sum > 0 ? 0 : 1;
}

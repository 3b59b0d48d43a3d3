// Input filled by main, then read by the threads in slices of their own,
// the shape of PARSEC blackscholes: main fills 64 MiB of option data before
// starting the threads; each thread prices the options of its own half,
// many times over, into an output array of its own half. Nothing is shared
// between the workers; what they read was written by another thread before
// they started.
// Usage: private_slices [scale]   (scale multiplies the number of passes)
#include <cstdio>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kThreads = 2;
constexpr size_t kOptions = size_t(4) << 20; // two doubles each: 64 MiB
constexpr int kDefaultPasses = 400;

struct Option {
  double spot, strike;
};

Option *options;
double *prices;

void worker(int id, int passes) {
  size_t begin = id * (kOptions / kThreads), end = begin + kOptions / kThreads;
  for (int p = 0; p < passes; ++p)
    for (size_t i = begin; i < end; ++i) {
      double d = options[i].spot - options[i].strike * (1.0 + 0.01 * p);
      prices[i] = d > 0 ? d * 0.97 : -d * 0.01;
    }
}

} // namespace

int main(int argc, char **argv) {
  int passes = static_cast<int>(kDefaultPasses * workloadScale(argc, argv));
  passes = passes < 1 ? 1 : passes;
  options = new Option[kOptions];
  prices = new double[kOptions];
  for (size_t i = 0; i < kOptions; ++i)
    options[i] = {50.0 + double((i * 2654435761u) & 0xff) / 8.0,
                  60.0 + double(i & 0x3f)};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(worker, t, passes);
  for (auto &t : threads)
    t.join();
  double sum = 0;
  for (size_t i = 0; i < kOptions; i += 97)
    sum += prices[i];
  std::printf("private_slices: passes=%d checksum=%.6e\n", passes, sum);
  delete[] prices;
  delete[] options;
  return 0;
}

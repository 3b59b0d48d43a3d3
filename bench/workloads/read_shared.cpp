// A large read-only table shared by two threads, the shape of PARSEC
// blackscholes/streamcluster: main fills a 64 MiB table of doubles before
// starting the threads; each thread then sweeps the whole table several
// times, evaluating a small polynomial per element and accumulating into an
// output array of its own.
// Usage: read_shared [scale]   (scale multiplies the number of sweeps)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kThreads = 2;
constexpr size_t kEntries = size_t(8) << 20; // 8 Mi doubles = 64 MiB
constexpr size_t kOutputs = size_t(1) << 16; // per thread
constexpr int kDefaultSweeps = 48;

double *table;

void worker(int id, int sweeps, double *output) {
  double a = 0.5 + id, b = 1.0 / (id + 3);
  for (int s = 0; s < sweeps; ++s) {
    // Thread 1 walks the table backwards, so the two threads usually read
    // different parts of it at any moment.
    for (size_t n = 0; n < kEntries; ++n) {
      size_t i = id ? kEntries - 1 - n : n;
      double x = table[i];
      output[i & (kOutputs - 1)] += ((a * x + b) * x + s) * x;
    }
  }
}

} // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  int sweeps = static_cast<int>(kDefaultSweeps * scale);
  sweeps = sweeps < 1 ? 1 : sweeps;
  table = new double[kEntries];
  for (size_t i = 0; i < kEntries; ++i)
    table[i] = static_cast<double>((i * 2654435761u) & 0xffff) / 65536.0;
  std::vector<std::vector<double>> outputs(kThreads,
                                           std::vector<double>(kOutputs));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(worker, t, sweeps, outputs[t].data());
  for (auto &t : threads)
    t.join();
  double checksum = 0;
  for (const auto &out : outputs)
    for (double v : out)
      checksum += v;
  std::printf("read_shared: sweeps=%d checksum=%.6e\n", sweeps, checksum);
  delete[] table;
  return 0;
}

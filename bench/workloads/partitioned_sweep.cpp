// Barrier-phased sweeps over large partitioned arrays, the shape of
// SPLASH-2x ocean/radix: two 128 MiB grids, each thread owns one half of both.
// A step writes the thread's half of one grid from the other grid (its own
// half plus the neighbour's boundary element), then waits at a barrier; the
// next step swaps the grids' roles. A reduction phase at the end of each step
// pair publishes per-thread partial sums through the barrier. Race-free: in
// every phase a grid is either only read or written by its owner only.
// Usage: partitioned_sweep [scale]   (scale multiplies the number of steps)
#include <pthread.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kThreads = 2;
constexpr size_t kCells = size_t(32) << 20; // 32 Mi uint32_t = 128 MiB a grid
constexpr int kDefaultSteps = 60;

uint32_t *gridA;
uint32_t *gridB;
uint64_t partial[kThreads];
pthread_barrier_t barrier;

// One relaxation step: dst's [lo, hi) from src's [lo - 1, hi + 1).
void relax(const uint32_t *src, uint32_t *dst, size_t lo, size_t hi,
           uint32_t step) {
  uint32_t left = lo == 0 ? src[0] : src[lo - 1];       // neighbour boundary
  uint32_t right = hi == kCells ? src[hi - 1] : src[hi]; // neighbour boundary
  dst[lo] = (left + 2 * src[lo] + src[lo + 1]) / 4 + step;
  for (size_t i = lo + 1; i + 1 < hi; ++i)
    dst[i] = (src[i - 1] + 2 * src[i] + src[i + 1]) / 4 + step;
  dst[hi - 1] = (src[hi - 2] + 2 * src[hi - 1] + right) / 4 + step;
}

void worker(int id, int steps, uint64_t *checksum) {
  size_t lo = kCells / kThreads * id;
  size_t hi = kCells / kThreads * (id + 1);
  // First touch by the owner, as the parallel codes do.
  for (size_t i = lo; i < hi; ++i) {
    gridA[i] = static_cast<uint32_t>(i * 2654435761u);
    gridB[i] = 0;
  }
  pthread_barrier_wait(&barrier);
  uint64_t sum = 0;
  for (int s = 0; s < steps; ++s) {
    const uint32_t *src = (s & 1) ? gridB : gridA;
    uint32_t *dst = (s & 1) ? gridA : gridB;
    relax(src, dst, lo, hi, static_cast<uint32_t>(s));
    pthread_barrier_wait(&barrier);
    if (s & 1) {
      // Reduction: each thread sums its own half, then reads both partials.
      uint64_t own = 0;
      for (size_t i = lo; i < hi; i += 8)
        own += dst[i];
      partial[id] = own;
      pthread_barrier_wait(&barrier);
      for (uint64_t p : partial)
        sum = sum * 31 + p;
      pthread_barrier_wait(&barrier);
    }
  }
  *checksum = sum;
}

} // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  int steps = static_cast<int>(kDefaultSteps * scale);
  steps = steps < 2 ? 2 : steps;
  gridA = new uint32_t[kCells];
  gridB = new uint32_t[kCells];
  pthread_barrier_init(&barrier, nullptr, kThreads);
  uint64_t sums[kThreads] = {};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(worker, t, steps, &sums[t]);
  for (auto &t : threads)
    t.join();
  pthread_barrier_destroy(&barrier);
  if (sums[0] != sums[1]) {
    std::fprintf(stderr, "partitioned_sweep: threads disagree\n");
    return 1;
  }
  uint64_t grid = 0;
  for (size_t i = 0; i < kCells; i += 4096)
    grid += gridA[i] ^ gridB[i];
  std::printf("partitioned_sweep: steps=%d checksum=%llu grid=%llu\n", steps,
              static_cast<unsigned long long>(sums[0]),
              static_cast<unsigned long long>(grid));
  delete[] gridA;
  delete[] gridB;
  return 0;
}

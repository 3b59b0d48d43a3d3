// Many small short-lived heap buffers, the shape of PARSEC swaptions: each
// round allocates four buffers of 1-8 KiB, fills each, reads them together,
// and frees them in a different order than allocated. Two threads, no sharing
// except the allocator itself.
// Usage: small_allocs [scale]   (scale multiplies the number of rounds)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kThreads = 2;
constexpr long kDefaultRounds = 1500000; // per thread; 4 buffers a round
constexpr int kBuffers = 4;

inline uint32_t next(uint32_t &s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}

void worker(int id, long rounds, uint64_t *out) {
  uint32_t rng = 0x9e3779b9u * static_cast<uint32_t>(id + 1);
  uint64_t sum = 0;
  for (long r = 0; r < rounds; ++r) {
    uint64_t *buf[kBuffers];
    size_t words[kBuffers];
    for (int b = 0; b < kBuffers; ++b) {
      size_t bytes = 1024 + next(rng) % (7 * 1024 + 1);
      words[b] = bytes / sizeof(uint64_t);
      buf[b] = static_cast<uint64_t *>(std::malloc(bytes));
      uint64_t seed = next(rng);
      for (size_t k = 0; k < words[b]; ++k)
        buf[b][k] = seed + k * 0x9e3779b97f4a7c15ull;
    }
    // Read them together, like a small matrix-vector step.
    size_t common = words[0];
    for (int b = 1; b < kBuffers; ++b)
      common = words[b] < common ? words[b] : common;
    for (size_t k = 0; k < common; ++k)
      sum += (buf[0][k] ^ buf[1][k]) + (buf[2][k] >> 3) - buf[3][k];
    std::free(buf[2]);
    std::free(buf[0]);
    std::free(buf[3]);
    std::free(buf[1]);
  }
  *out = sum;
}

} // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  long rounds = static_cast<long>(kDefaultRounds * scale);
  uint64_t sums[kThreads] = {};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(worker, t, rounds, &sums[t]);
  for (auto &t : threads)
    t.join();
  std::printf("small_allocs: allocations=%ld checksum=%llu\n",
              rounds * kBuffers * kThreads,
              static_cast<unsigned long long>(sums[0] ^ (sums[1] << 1)));
  return 0;
}

// Access-heavy, race-free workload for bench/run_bench.py.
// 4 threads mix three kinds of memory traffic so that every part of a
// detector's fast path is exercised: (1) reads/writes to one shared array,
// each under the mutex of its stripe (lock/unlock + shadow checks on shared
// data), (2) work on a thread-private array (accesses that never conflict,
// the common case in real programs), (3) relaxed and acq_rel atomics.
// It is race-free on purpose: the benchmark measures overhead, not reporting.
// Usage: striped_array [scale]   (scale multiplies the number of rounds)
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kThreads = 4;
constexpr int kShared = 1 << 14;      // shared slots (64 KiB of uint32_t)
constexpr int kStripes = 64;          // one mutex per kShared/kStripes slots
constexpr int kPrivate = 1 << 12;     // private slots per thread
constexpr int kBatch = 16;            // shared accesses per lock hold

uint32_t shared_data[kShared];
std::mutex stripe_lock[kStripes];
std::atomic<uint64_t> ops_done{0};
std::atomic<uint32_t> last_writer{0};

// Cheap deterministic generator; keeps the access pattern identical across
// the three builds so their times are comparable.
inline uint32_t next(uint32_t &s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}

void worker(int id, long rounds, uint64_t *result) {
  std::vector<uint32_t> priv(kPrivate, static_cast<uint32_t>(id));
  uint32_t rng = 0x9e3779b9u * static_cast<uint32_t>(id + 1);
  uint64_t sum = 0;
  for (long r = 0; r < rounds; ++r) {
    // (1) Shared: a batch of read-modify-writes inside one stripe.
    uint32_t stripe = next(rng) % kStripes;
    uint32_t base = stripe * (kShared / kStripes);
    {
      std::lock_guard<std::mutex> g(stripe_lock[stripe]);
      for (int k = 0; k < kBatch; ++k) {
        uint32_t i = base + (next(rng) % (kShared / kStripes));
        sum += shared_data[i];
        shared_data[i] = shared_data[i] * 3 + static_cast<uint32_t>(id);
      }
    }
    // (2) Private: a short streaming pass, no synchronisation needed.
    uint32_t p = next(rng) % (kPrivate - 64);
    for (int k = 0; k < 64; ++k) {
      priv[p + k] += priv[(p + k * 7) % kPrivate] ^ static_cast<uint32_t>(r);
      sum += priv[p + k];
    }
    // (3) Atomics: a relaxed counter every round, a release store sometimes.
    ops_done.fetch_add(1, std::memory_order_relaxed);
    if ((r & 63) == 0)
      last_writer.store(static_cast<uint32_t>(id), std::memory_order_release);
  }
  *result = sum;
}

}  // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  long rounds = static_cast<long>(4000000 * scale);
  uint64_t results[kThreads] = {};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(worker, t, rounds, &results[t]);
  for (auto &t : threads) t.join();
  uint64_t total = 0;
  for (uint64_t r : results) total += r;
  // Printing the checksum keeps the optimiser from deleting the work.
  std::printf("striped_array: ops=%llu checksum=%llu last=%u\n",
              static_cast<unsigned long long>(ops_done.load()),
              static_cast<unsigned long long>(total), last_writer.load());
  return 0;
}

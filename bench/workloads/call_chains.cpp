// Call-heavy, race-free workload for bench/run_bench.py.
// racegate keeps a shadow call stack (for report stacks), so every function
// entry/exit costs something that a flat loop never pays. Here 4 threads run
// recursive tree walks (depth ~14, noinline so the calls survive -O1); every
// call reads a shared read-only table, writes a thread-private slot, and the
// leaves occasionally update a shared histogram under a mutex.
// Usage: call_chains [scale]   (scale multiplies the number of walks)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kThreads = 4;
constexpr int kDepth = 14;            // 2^14 leaves per walk -> ~32K calls
constexpr int kTable = 4096;
constexpr int kBuckets = 256;

uint32_t table[kTable];               // written by main before threads start
uint64_t histogram[kBuckets];         // shared, guarded by hist_lock
std::mutex hist_lock;

struct Ctx {
  uint32_t scratch[kDepth + 1];       // private per thread: one slot per level
  uint64_t leaves = 0;
};

// Separate, non-inlined leaf so the chain has a second kind of frame and the
// locked shared write sits at the bottom of a deep stack.
__attribute__((noinline)) void leaf(Ctx &c, uint32_t key) {
  c.leaves++;
  if ((key & 1023) == 0) {
    std::lock_guard<std::mutex> g(hist_lock);
    histogram[key % kBuckets]++;
  }
}

__attribute__((noinline)) uint32_t walk(Ctx &c, int depth, uint32_t key) {
  uint32_t v = table[key % kTable];   // shared read (read-only: no race)
  c.scratch[depth] = v ^ key;         // private write
  if (depth == 0) {
    leaf(c, v + key);
    return v;
  }
  uint32_t l = walk(c, depth - 1, key * 2 + 1);
  uint32_t r = walk(c, depth - 1, key * 2 + 2);
  return l ^ (r + c.scratch[depth]);
}

void worker(int id, long walks, uint64_t *out) {
  Ctx c{};
  uint64_t sum = 0;
  for (long w = 0; w < walks; ++w)
    sum += walk(c, kDepth, static_cast<uint32_t>(w * kThreads + id));
  *out = sum + c.leaves;
}

}  // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  long walks = static_cast<long>(5000 * scale);
  for (int i = 0; i < kTable; ++i) table[i] = static_cast<uint32_t>(i * 2654435761u);
  uint64_t results[kThreads] = {};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(worker, t, walks, &results[t]);
  for (auto &t : threads) t.join();
  uint64_t total = 0, hist = 0;
  for (uint64_t r : results) total += r;
  for (uint64_t h : histogram) hist += h;
  std::printf("call_chains: checksum=%llu histogram=%llu\n",
              static_cast<unsigned long long>(total),
              static_cast<unsigned long long>(hist));
  return 0;
}

// A three-stage pipeline over bounded condition-variable queues, the shape
// of PARSEC dedup: stage 1 allocates and fills heap chunks of 4-16 KiB,
// stage 2 transforms each into a freshly allocated chunk and frees the input,
// stage 3 reads and frees the result. Two worker threads run stages 1 and 2;
// the main thread is stage 3. Each chunk changes hands twice, so the heap
// memory moves between threads only through the queues' mutexes.
// Usage: pipeline [scale]   (scale multiplies the number of chunks)
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>

#include "WorkloadScale.h"

namespace {

constexpr long kDefaultChunks = 250000;
constexpr size_t kQueueCapacity = 32;

struct Chunk {
  size_t words;
  uint64_t *data;
  uint64_t tag;
};

class BoundedQueue {
public:
  void push(Chunk *chunk) {
    std::unique_lock<std::mutex> guard(lock);
    notFull.wait(guard, [&] { return items.size() < kQueueCapacity; });
    items.push_back(chunk);
    notEmpty.notify_one();
  }
  Chunk *pop() {
    std::unique_lock<std::mutex> guard(lock);
    notEmpty.wait(guard, [&] { return !items.empty(); });
    Chunk *chunk = items.front();
    items.pop_front();
    notFull.notify_one();
    return chunk;
  }

private:
  std::mutex lock;
  std::condition_variable notFull, notEmpty;
  std::deque<Chunk *> items;
};

BoundedQueue filled, transformed;

void produce(long chunks) {
  uint32_t rng = 0x2545f491;
  for (long i = 0; i < chunks; ++i) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    size_t bytes = 4096 + rng % (12 * 1024 + 1);
    auto *chunk = new Chunk{bytes / 8, nullptr, static_cast<uint64_t>(i)};
    chunk->data = static_cast<uint64_t *>(std::malloc(chunk->words * 8));
    for (size_t k = 0; k < chunk->words; ++k)
      chunk->data[k] = (i << 20) + k * 0x100000001b3ull;
    filled.push(chunk);
  }
  filled.push(nullptr); // end of stream
}

void transform() {
  while (Chunk *chunk = filled.pop()) {
    auto *out = static_cast<uint64_t *>(std::malloc(chunk->words * 8));
    uint64_t rolling = chunk->tag;
    for (size_t k = 0; k < chunk->words; ++k) {
      rolling = (rolling ^ chunk->data[k]) * 0x100000001b3ull;
      out[k] = rolling >> 7;
    }
    std::free(chunk->data);
    chunk->data = out;
    transformed.push(chunk);
  }
  transformed.push(nullptr);
}

} // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  long chunks = static_cast<long>(kDefaultChunks * scale);
  std::thread stage1(produce, chunks);
  std::thread stage2(transform);
  long received = 0;
  uint64_t checksum = 0;
  while (Chunk *chunk = transformed.pop()) {
    uint64_t sum = 0;
    for (size_t k = 0; k < chunk->words; ++k)
      sum += chunk->data[k];
    checksum ^= sum + chunk->tag;
    std::free(chunk->data);
    delete chunk;
    ++received;
  }
  stage1.join();
  stage2.join();
  if (received != chunks) {
    std::fprintf(stderr, "pipeline: %ld of %ld chunks\n", received, chunks);
    return 1;
  }
  std::printf("pipeline: chunks=%ld checksum=%llu\n", received,
              static_cast<unsigned long long>(checksum));
  return 0;
}

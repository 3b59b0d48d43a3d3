// A concurrent skip list, the shape of leveldb's memtable: one writer inserts
// under a mutex and publishes each node with release stores; a reader looks
// keys up at the same time without any lock, using acquire loads only. Nodes
// come from an arena that only the writer allocates from.
// Usage: skiplist [scale]   (scale multiplies inserts and lookups)
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kMaxHeight = 12;
constexpr long kDefaultInserts = 700000;
constexpr long kDefaultLookups = 1400000;

struct Node {
  uint64_t key;
  uint64_t value;
  std::atomic<Node *> next[1]; // really `height` entries, from the arena

  Node *getNext(int level) {
    return next[level].load(std::memory_order_acquire);
  }
};

// Bump allocator in 64 KiB blocks, used by the writer only.
class Arena {
public:
  ~Arena() {
    for (char *block : blocks)
      delete[] block;
  }
  void *allocate(size_t bytes) {
    bytes = (bytes + 7) & ~size_t(7);
    if (bytes > remaining) {
      blocks.push_back(new char[kBlock]);
      cursor = blocks.back();
      remaining = kBlock;
    }
    void *result = cursor;
    cursor += bytes;
    remaining -= bytes;
    return result;
  }

private:
  static constexpr size_t kBlock = 64 * 1024;
  std::vector<char *> blocks;
  char *cursor = nullptr;
  size_t remaining = 0;
};

class SkipList {
public:
  SkipList() : head(makeNode(0, 0, kMaxHeight)) {}

  // Caller holds the writer mutex.
  void insert(uint64_t key, uint64_t value) {
    Node *prev[kMaxHeight];
    Node *x = head;
    int level = height.load(std::memory_order_relaxed) - 1;
    for (;;) {
      Node *next = x->getNext(level);
      if (next && next->key < key) {
        x = next;
      } else {
        prev[level] = x;
        if (level == 0)
          break;
        --level;
      }
    }
    int h = randomHeight();
    int current = height.load(std::memory_order_relaxed);
    if (h > current) {
      for (int i = current; i < h; ++i)
        prev[i] = head;
      height.store(h, std::memory_order_relaxed);
    }
    Node *node = makeNode(key, value, h);
    for (int i = 0; i < h; ++i) {
      node->next[i].store(prev[i]->next[i].load(std::memory_order_relaxed),
                          std::memory_order_relaxed);
      prev[i]->next[i].store(node, std::memory_order_release); // publish
    }
  }

  // Lock-free; safe beside one concurrent insert.
  const Node *find(uint64_t key) const {
    Node *x = head;
    int level = height.load(std::memory_order_relaxed) - 1;
    for (;;) {
      Node *next = x->getNext(level);
      if (next && next->key < key) {
        x = next;
      } else if (level == 0) {
        return next && next->key == key ? next : nullptr;
      } else {
        --level;
      }
    }
  }

  const Node *first() const { return head->getNext(0); }

private:
  Node *makeNode(uint64_t key, uint64_t value, int h) {
    void *memory =
        arena.allocate(sizeof(Node) + sizeof(std::atomic<Node *>) * (h - 1));
    Node *node = static_cast<Node *>(memory);
    node->key = key;
    node->value = value;
    for (int i = 0; i < h; ++i)
      new (&node->next[i]) std::atomic<Node *>(nullptr);
    return node;
  }

  int randomHeight() {
    int h = 1;
    while (h < kMaxHeight && (nextRandom() & 3) == 0)
      ++h;
    return h;
  }

  uint32_t nextRandom() {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
  }

  Arena arena;
  Node *const head;
  std::atomic<int> height{1};
  uint32_t rng = 0xdeadbeef;
};

// A bijection on 64-bit integers, so distinct i give distinct keys in a
// scattered order.
uint64_t keyOf(uint64_t i) { return (i + 1) * 0x9e3779b97f4a7c15ull; }
uint64_t valueOf(uint64_t key) { return key ^ 0x5555aaaa5555aaaaull; }

SkipList list;
std::mutex writerLock;

void writer(long inserts) {
  for (long i = 0; i < inserts; ++i) {
    uint64_t key = keyOf(static_cast<uint64_t>(i));
    std::lock_guard<std::mutex> guard(writerLock);
    list.insert(key, valueOf(key));
  }
}

void reader(long inserts, long lookups, long *hits, long *bad) {
  uint32_t rng = 12345;
  for (long n = 0; n < lookups; ++n) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    uint64_t key = keyOf(rng % static_cast<uint64_t>(inserts));
    if (const Node *node = list.find(key)) {
      ++*hits;
      *bad += node->value != valueOf(key);
    }
  }
}

} // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  long inserts = static_cast<long>(kDefaultInserts * scale);
  long lookups = static_cast<long>(kDefaultLookups * scale);
  inserts = inserts < 1 ? 1 : inserts;
  long hits = 0, bad = 0;
  std::thread w(writer, inserts);
  std::thread r(reader, inserts, lookups, &hits, &bad);
  w.join();
  r.join();
  // Every key must be there once, in order, with its value.
  long count = 0;
  uint64_t checksum = 0, last = 0;
  for (const Node *n = list.first(); n; n = n->next[0].load()) {
    if ((count && n->key <= last) || n->value != valueOf(n->key))
      ++bad;
    last = n->key;
    checksum = checksum * 31 + (n->key >> 32);
    ++count;
  }
  if (count != inserts || bad) {
    std::fprintf(stderr, "skiplist: %ld of %ld keys, %ld bad\n", count,
                 inserts, bad);
    return 1;
  }
  std::printf("skiplist: keys=%ld checksum=%llu reader_hits=%ld\n", count,
              static_cast<unsigned long long>(checksum), hits);
  return 0;
}

// expect: data_race
// A freshly allocated node is filled in and then published through a
// relaxed atomic store. The reader that loads the pointer with a relaxed
// load is not ordered after the filling-in, so reading the node's field
// races with the write made before the pointer escaped.
#include <atomic>
#include <cstdio>
#include <thread>

struct Node {
  long value;
};

std::atomic<Node *> published{nullptr};

int main() {
  std::thread reader([] {
    Node *node;
    while (!(node = published.load(std::memory_order_relaxed)))
      std::this_thread::yield();
    std::printf("value = %ld\n", node->value);
  });
  auto *node = new Node;
  node->value = 42;
  published.store(node, std::memory_order_relaxed);
  reader.join();
  delete node;
  return 0;
}

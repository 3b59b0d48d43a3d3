// expect: none
// A function-local static with a non-trivial initializer ("magic static") is
// first used concurrently by four threads. C++11 guarantees thread-safe
// initialization, and the object is only read afterwards: no race.
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

struct Registry {
  std::string names[4];
  int size;
  Registry() : names{"alpha", "beta", "gamma", "delta"}, size(4) {}
};

const Registry &registry() {
  static Registry instance;  // thread-safe initialization
  return instance;
}

void worker(size_t *total) {
  for (int i = 0; i < 100; ++i) {
    const Registry &r = registry();
    *total += r.names[i % r.size].size();
  }
}

int main() {
  size_t totals[4] = {0, 0, 0, 0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker, &totals[i]);
  for (auto &t : ts) t.join();
  std::printf("total[0] = %zu (expected 475)\n", totals[0]);
  return 0;
}

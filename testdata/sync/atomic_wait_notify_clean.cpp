// expect: none
// main writes `frame` and then publishes stage=1 with a release store followed by
// stage.notify_one(); the worker blocks in stage.wait(0, acquire) and then loads
// stage with acquire. The acquire load reads the release store: no race on frame.
#include <atomic>
#include <cstdio>
#include <thread>

int frame[16];
std::atomic<int> stage{0};

void worker(long *sum) {
  stage.wait(0, std::memory_order_acquire);
  while (stage.load(std::memory_order_acquire) != 1) {
  }
  for (int v : frame) *sum += v;
}

int main() {
  long sum = 0;
  std::thread w(worker, &sum);
  for (int i = 0; i < 16; ++i) frame[i] = i;
  stage.store(1, std::memory_order_release);
  stage.notify_one();
  w.join();
  std::printf("sum = %ld (expected 120)\n", sum);
  return 0;
}

// expect: none
// main spins with std::this_thread::yield() on an std::atomic<bool> `ready`
// (default seq_cst) set by the worker after it writes `answer`. The load that
// sees true synchronizes with the store, so reading answer afterwards is safe.
#include <atomic>
#include <cstdio>
#include <thread>

int answer = 0;
std::atomic<bool> ready{false};

void worker() {
  answer = 42;
  ready = true;
}

int main() {
  std::thread t(worker);
  while (!ready) std::this_thread::yield();
  std::printf("answer = %d\n", answer);
  t.join();
  return 0;
}

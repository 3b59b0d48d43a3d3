// expect: data_race
// main sets stage=1 (release) and calls notify_one(), but only then writes
// `frame_id`. The worker's wait(acquire) synchronizes with the store, which
// precedes the frame_id write, so main's write and the worker's read race.
#include <atomic>
#include <cstdio>
#include <thread>

int frame_id = 0;
std::atomic<int> stage{0};

void worker() {
  stage.wait(0, std::memory_order_acquire);
  while (stage.load(std::memory_order_acquire) != 1) {
  }
  std::printf("frame_id = %d\n", frame_id);  // racy read
}

int main() {
  std::thread w(worker);
  stage.store(1, std::memory_order_release);
  stage.notify_one();
  frame_id = 5;  // BUG: written after publishing (racy write)
  w.join();
  return 0;
}

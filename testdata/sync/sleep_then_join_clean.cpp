// expect: none
// Same as sleep_for_sync_racy, but main join()s the worker before reading
// `result`. The sleep is irrelevant; join is what orders the write before the
// read.
#include <chrono>
#include <cstdio>
#include <thread>

int result = 0;

void worker() { result = 42; }

int main() {
  std::thread t(worker);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  t.join();
  std::printf("result = %d\n", result);
  return 0;
}

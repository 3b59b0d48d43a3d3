// expect: data_race
// The worker writes `result`; main "waits" for it with sleep_for(10ms) and then
// reads it before joining. Sleeping is not synchronization: the write and the
// read are unordered by happens-before even though the timing usually works.
#include <chrono>
#include <cstdio>
#include <thread>

int result = 0;

void worker() { result = 42; }  // racy write

int main() {
  std::thread t(worker);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // not a sync
  std::printf("result = %d\n", result);  // racy read
  t.join();
  return 0;
}

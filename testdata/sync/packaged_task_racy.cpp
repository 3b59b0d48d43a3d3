// expect: data_race
// main starts a std::packaged_task on a thread and only then resets `calls`
// (which the task increments). The reset comes after the thread start and
// before future.get(), so it is unordered with the task's increment (the
// sleep_for only makes the bad interleaving likely; it orders nothing).
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

int calls = 0;

int square(int x) {
  ++calls;  // racy read-modify-write
  return x * x;
}

int main() {
  std::packaged_task<int(int)> task(square);
  std::future<int> f = task.get_future();
  std::thread t(std::move(task), 12);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  calls = 0;  // BUG: reset after the task was started (racy write)
  int r = f.get();
  std::printf("result = %d, calls = %d\n", r, calls);
  t.join();
  return 0;
}

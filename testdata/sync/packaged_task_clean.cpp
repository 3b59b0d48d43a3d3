// expect: none
// A std::packaged_task is run on a std::thread; the task also increments
// `calls`. main resets calls before starting the thread and reads it after
// future.get(): thread start and task completion order every access.
#include <cstdio>
#include <future>
#include <thread>

int calls = 0;

int square(int x) {
  ++calls;
  return x * x;
}

int main() {
  calls = 0;
  std::packaged_task<int(int)> task(square);
  std::future<int> f = task.get_future();
  std::thread t(std::move(task), 12);
  int r = f.get();
  std::printf("result = %d, calls = %d\n", r, calls);
  t.join();
  return 0;
}

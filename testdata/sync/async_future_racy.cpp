// expect: data_race
// The std::async task updates `progress` while it works; main reads progress
// *before* calling future.get() (polling it like a status bar). Nothing orders
// main's read with the task's writes: data race on progress.
#include <cstdio>
#include <future>

int progress = 0;

long work() {
  long s = 0;
  for (int i = 1; i <= 100; ++i) {
    s += i;
    progress = i;  // racy write
  }
  return s;
}

int main() {
  std::future<long> fut = std::async(std::launch::async, work);
  std::printf("progress so far: %d\n", progress);  // racy read (before get)
  long sum = fut.get();
  std::printf("sum = %ld\n", sum);
  return 0;
}

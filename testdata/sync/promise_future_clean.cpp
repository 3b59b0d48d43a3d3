// expect: none
// A worker thread fills `report` and then calls promise.set_value(); main calls
// future.get() and reads report. set_value synchronizes with the return from
// get(), so the worker's writes happen before main's reads.
#include <cstdio>
#include <future>
#include <thread>

int report[4];

void worker(std::promise<int> done) {
  for (int i = 0; i < 4; ++i) report[i] = i + 1;
  done.set_value(4);
}

int main() {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  std::thread t(worker, std::move(p));
  int n = f.get();
  int sum = 0;
  for (int i = 0; i < n; ++i) sum += report[i];
  std::printf("sum = %d (expected 10)\n", sum);
  t.join();
  return 0;
}

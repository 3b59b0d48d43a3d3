// expect: data_race
// The worker calls promise.set_value() and *afterwards* writes `worker_status`.
// main reads worker_status right after future.get(). set_value only orders
// what came before it, so the later write races with main's read. (The promise
// is owned by main, so the worker does nothing else after the racy write.)
#include <cstdio>
#include <future>
#include <thread>

int worker_status = 0;

void worker(std::promise<int> *done) {
  done->set_value(10);
  worker_status = 1;  // BUG: written after set_value (racy write)
}

int main() {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  std::thread t(worker, &p);
  int v = f.get();
  std::printf("value = %d, status = %d\n", v, worker_status);  // racy read
  t.join();
  return 0;
}

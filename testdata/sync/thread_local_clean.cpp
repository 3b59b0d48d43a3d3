// expect: none
// Each thread increments its own thread_local `tls_counter` 100 times (no
// sharing at all) and then adds it to the global `total` under a mutex.
// thread_local objects are distinct per thread: no race.
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

thread_local int tls_counter = 0;
int total = 0;
std::mutex total_mutex;

void worker() {
  for (int i = 0; i < 100; ++i) ++tls_counter;
  std::lock_guard<std::mutex> g(total_mutex);
  total += tls_counter;
}

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker);
  for (auto &t : ts) t.join();
  std::printf("total = %d (expected 400), main's tls_counter = %d\n", total, tls_counter);
  return 0;
}

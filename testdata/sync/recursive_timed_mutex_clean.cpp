// expect: none
// Two threads use a std::recursive_timed_mutex: the outer call takes it with
// try_lock_for (retrying on timeout), the nested call re-enters it with lock().
// `cache_value` is only touched while the mutex is held: no race.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

int cache_value = 0;
std::recursive_timed_mutex cache_mutex;

void refresh_inner(int delta) {
  std::lock_guard<std::recursive_timed_mutex> g(cache_mutex);  // re-entry
  cache_value += delta;
}

void refresh(int delta) {
  while (!cache_mutex.try_lock_for(std::chrono::milliseconds(5))) {
  }
  cache_value += delta;
  refresh_inner(delta);
  cache_mutex.unlock();
}

void worker(int delta) {
  for (int i = 0; i < 100; ++i) refresh(delta);
}

int main() {
  std::thread a(worker, 1), b(worker, 3);
  a.join();
  b.join();
  std::printf("cache_value = %d (expected 800)\n", cache_value);
  return 0;
}

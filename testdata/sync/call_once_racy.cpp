// expect: data_race
// Double-checked initialization gone wrong: threads test a plain bool
// `initialized` before calling std::call_once, and load_config sets it inside
// the once-call. The unsynchronized fast-path read of initialized races with the
// write done inside call_once by another thread.
#include <cstdio>
#include <mutex>
#include <thread>

int config_value = 0;
bool initialized = false;
std::once_flag config_flag;

void load_config() {
  config_value = 42;
  initialized = true;  // racy write
}

void worker(long *out) {
  if (!initialized)  // BUG: plain read outside call_once (racy read)
    std::call_once(config_flag, load_config);
  *out = 1;
}

int main() {
  long a_out = 0, b_out = 0;
  std::thread a(worker, &a_out), b(worker, &b_out);
  a.join();
  b.join();
  std::printf("config = %d, outs %ld %ld\n", config_value, a_out, b_out);
  return 0;
}

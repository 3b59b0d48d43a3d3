// expect: data_race
// A std::jthread worker writes the shared `ticks` counter on every loop turn
// until stopped. main calls request_stop() and reads ticks *before* join().
// request_stop only orders main -> worker; nothing orders the worker's writes
// before main's read: data race on ticks.
#include <cstdio>
#include <stop_token>
#include <thread>

long ticks = 0;

void worker(std::stop_token st) {
  do {
    ++ticks;  // racy write
    std::this_thread::yield();
  } while (!st.stop_requested());
}

int main() {
  std::jthread w(worker);
  w.request_stop();
  std::printf("ticks = %ld\n", ticks);  // BUG: read before join (racy read)
  w.join();
  return 0;
}

// expect: none
// A std::jthread worker counts ticks in a local variable until its stop_token
// is signalled, then stores the count in `final_ticks`. main calls
// request_stop(), join()s, and only then reads final_ticks: join orders it.
#include <chrono>
#include <cstdio>
#include <stop_token>
#include <thread>

long final_ticks = -1;

void worker(std::stop_token st) {
  long ticks = 0;
  while (!st.stop_requested()) {
    ++ticks;
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  final_ticks = ticks;
}

int main() {
  std::jthread w(worker);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  w.request_stop();
  w.join();
  std::printf("final_ticks >= 0: %d\n", final_ticks >= 0);
  return 0;
}

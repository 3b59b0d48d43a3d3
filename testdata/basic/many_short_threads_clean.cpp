// expect: none
// 20000 threads created and joined one after another, each touching a shared
// counter: every increment is ordered by the join before the next creation.
// Nothing here waits for long, so the watchdog must see no stall, and
// finished threads must not keep their state alive.
#include <thread>

int shared = 0;

int main() {
  for (int i = 0; i < 20000; ++i) {
    std::thread t([] { shared++; });
    t.join();
  }
  return shared == 20000 ? 0 : 1;
}

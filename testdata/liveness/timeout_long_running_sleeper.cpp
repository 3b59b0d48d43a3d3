// expect: timeout
// hangs: no
// args: --timeout 2
// A correct but slow program: a worker thread sleeps in a loop for 30 s in total (1 s naps)
// while main joins it. Nothing is wrong with its synchronization; run with --timeout 2 the tool
// must stop it and report only the timeout. (Line 2 is "no": it ends by itself after ~30 s.)
#include <chrono>
#include <cstdio>
#include <thread>

int main() {
  std::thread worker([] {
    for (int i = 0; i < 30; ++i) std::this_thread::sleep_for(std::chrono::seconds(1));
  });
  worker.join();
  std::puts("done");
  return 0;
}

// expect: data_race
// main spins with std::this_thread::yield() on a plain bool `ready` that the
// worker sets. A plain bool is not atomic, so the worker's write and main's
// spinning reads race (and nothing would order other data either).
#include <cstdio>
#include <thread>

bool ready = false;

void worker() { ready = true; }  // racy write

int main() {
  std::thread t(worker);
  int spins = 0;
  while (!ready) {  // racy read
    std::this_thread::yield();
    ++spins;
  }
  std::printf("ready after %s spins\n", spins > 0 ? "some" : "no");
  t.join();
  return 0;
}

// expect: none
// Ping-pong between main and a worker with two std::binary_semaphores: main
// writes `request`, releases to_worker; worker acquires, writes `reply` from
// request, releases to_main. Each handoff release happens before the acquire.
#include <cstdio>
#include <semaphore>
#include <thread>

int request = 0, reply = 0;
std::binary_semaphore to_worker(0), to_main(0);

void worker() {
  for (int i = 0; i < 100; ++i) {
    to_worker.acquire();
    reply = request * 2;
    to_main.release();
  }
}

int main() {
  std::thread w(worker);
  long sum = 0;
  for (int i = 0; i < 100; ++i) {
    request = i;
    to_worker.release();
    to_main.acquire();
    sum += reply;
  }
  w.join();
  std::printf("sum = %ld (expected 9900)\n", sum);
  return 0;
}

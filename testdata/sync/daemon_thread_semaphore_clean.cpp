// expect: none
// Port of the seeds' daemon thread: a detached std::thread does background work,
// writes `daemon_result`, and releases a std::binary_semaphore; main acquires it
// before reading the result and returning. release happens before acquire.
#include <cstdio>
#include <semaphore>
#include <thread>

long daemon_result = 0;
std::binary_semaphore daemon_done(0);

void background_task() {
  long s = 0;
  for (int i = 1; i <= 100; ++i) s += i;
  daemon_result = s;
  daemon_done.release();
}

int main() {
  std::thread daemon(background_task);
  daemon.detach();  // like Thread(daemon=True): never joined
  daemon_done.acquire();
  std::printf("daemon_result = %ld (expected 5050)\n", daemon_result);
  return 0;
}

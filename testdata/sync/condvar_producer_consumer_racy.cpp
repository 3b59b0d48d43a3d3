// expect: data_race
// The producer sets `ready` under the mutex and notifies, but fills in `payload`
// only afterwards, outside the lock. The consumer waits for ready and then reads
// payload. The producer's payload write follows its last release, so nothing
// orders it with the consumer's read: data race on payload.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

int payload = 0;
bool ready = false;
std::mutex m;
std::condition_variable cv;

void producer() {
  {
    std::lock_guard<std::mutex> lk(m);
    ready = true;
  }
  cv.notify_one();
  payload = 42;  // BUG: published after the signal (racy write)
}

void consumer() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return ready; });
  std::printf("payload = %d\n", payload);  // racy read
}

int main() {
  std::thread c(consumer), p(producer);
  p.join();
  c.join();
  return 0;
}

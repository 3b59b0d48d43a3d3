// expect: data_race
// The notifier updates `ready` under notify_mutex, but the waiter waits on the
// std::condition_variable_any with a *different* mutex (wait_mutex) and reads
// ready in its predicate. The threads share no mutex and a notify is not a
// synchronization, so the write and the predicate reads of ready race.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

bool ready = false;
std::mutex notify_mutex, wait_mutex;
std::condition_variable_any cv;

void notifier() {
  {
    std::lock_guard<std::mutex> lk(notify_mutex);  // BUG: wrong mutex
    ready = true;                                  // racy write
  }
  cv.notify_all();
}

void waiter() {
  std::unique_lock<std::mutex> lk(wait_mutex);
  // timed waits so a missed notification cannot hang the program
  while (!cv.wait_for(lk, std::chrono::milliseconds(2), [] { return ready; })) {  // racy read
  }
  std::printf("ready seen\n");
}

int main() {
  std::thread w(waiter), n(notifier);
  n.join();
  w.join();
  return 0;
}

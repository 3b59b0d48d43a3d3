// expect: data_race
// Timer thread waits on a condition variable with a timeout (cancel flag under
// the mutex) and, after unlocking, always records `timer_status` (fired or
// cancelled). main cancels and reads timer_status *before* join(). The timer
// thread's status write follows its last release, so the two accesses race.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

int timer_status = 0;  // 0 = pending, 1 = fired, 2 = cancelled
bool cancelled = false;
std::mutex m;
std::condition_variable cv;

void timer_thread() {
  std::unique_lock<std::mutex> lk(m);
  bool was_cancelled = cv.wait_for(lk, std::chrono::milliseconds(1), [] { return cancelled; });
  lk.unlock();
  timer_status = was_cancelled ? 2 : 1;  // racy write (after the last unlock)
}

int main() {
  std::thread t(timer_thread);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  {
    std::lock_guard<std::mutex> g(m);
    cancelled = true;
  }
  cv.notify_all();
  std::printf("timer_status = %d\n", timer_status);  // BUG: racy read before join
  t.join();
  return 0;
}

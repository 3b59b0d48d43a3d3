// expect: none
// Port of the seeds' threading.Timer: a Timer thread waits on a condition
// variable with a timeout and runs its function unless `cancelled` (under the
// mutex) was set. One 1 ms timer fires and bumps `greetings`; one 10 s timer is
// cancelled at once. main reads greetings only after joining both timers.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

int greetings = 0;

class Timer {
  std::mutex m_;
  std::condition_variable cv_;
  bool cancelled_ = false;
  std::thread th_;  // declared last: started after the other members exist

 public:
  Timer(std::chrono::milliseconds delay, std::function<void()> fn)
      : th_([this, delay, fn] {
          std::unique_lock<std::mutex> lk(m_);
          if (!cv_.wait_for(lk, delay, [this] { return cancelled_; })) {
            lk.unlock();
            fn();
          }
        }) {}
  void cancel() {
    {
      std::lock_guard<std::mutex> g(m_);
      cancelled_ = true;
    }
    cv_.notify_all();
  }
  void join() { th_.join(); }
};

void say_hi() { ++greetings; }

int main() {
  Timer quick(std::chrono::milliseconds(1), say_hi);
  Timer slow(std::chrono::seconds(10), say_hi);
  slow.cancel();  // cancelled long before it would fire
  quick.join();
  slow.join();
  std::printf("greetings = %d (expected 1)\n", greetings);
  return 0;
}

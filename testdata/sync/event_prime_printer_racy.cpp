// expect: data_race
// Event-based prime finder/printer where the finder, right after announcing a
// prime, "prepares" the next candidate by writing it into `prime_holder` before
// waiting for prime_printed. That write follows the finder's set() of
// prime_available, so it is unordered with the printer's read of prime_holder.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

class Event {
  std::mutex m_;
  std::condition_variable cv_;
  bool flag_ = false;

 public:
  void set() {
    std::lock_guard<std::mutex> g(m_);
    flag_ = true;
    cv_.notify_all();
  }
  void clear() {
    std::lock_guard<std::mutex> g(m_);
    flag_ = false;
  }
  void wait() {
    std::unique_lock<std::mutex> lk(m_);
    cv_.wait(lk, [this] { return flag_; });
  }
};

int prime_holder = 0;
Event prime_available, prime_printed;

void printer_thread() {
  prime_available.wait();
  std::printf("prime: %d\n", prime_holder);  // racy read
  prime_printed.set();
}

void finder_thread() {
  prime_holder = 2;
  prime_available.set();
  prime_holder = 3;  // BUG: next candidate written before prime_printed.wait() (racy write)
  prime_printed.wait();
}

int main() {
  std::thread printer(printer_thread), finder(finder_thread);
  finder.join();
  printer.join();
  return 0;
}

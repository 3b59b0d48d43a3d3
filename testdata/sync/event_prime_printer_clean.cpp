// expect: none
// The seeds' prime finder/printer with two Events (prime_available,
// prime_printed). Event = bool flag + std::mutex + std::condition_variable with
// set/wait/clear. Each handoff goes through an Event's mutex, so the accesses
// to `prime_holder` strictly alternate and are ordered.
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

bool is_prime(int n) {
  for (int d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return n >= 2;
}

void printer_thread() {
  for (int k = 0; k < 20; ++k) {
    prime_available.wait();
    std::printf("%d ", prime_holder);
    prime_holder = 0;
    prime_available.clear();
    prime_printed.set();
  }
  std::printf("\n");
}

void finder_thread() {
  int i = 1;
  for (int k = 0; k < 20; ++k) {
    while (!is_prime(i)) ++i;
    prime_holder = i;
    prime_available.set();
    prime_printed.wait();
    prime_printed.clear();
    ++i;
  }
}

int main() {
  std::thread printer(printer_thread), finder(finder_thread);
  finder.join();
  printer.join();
  return 0;
}

// expect: none
// The seeds' two-Event prime finder/printer with each Event built on
// std::atomic<bool>: set() = store(true, release) + notify_all(), wait() =
// wait(false, acquire) loop, clear() = relaxed store by the waiter. The
// acquire that observes each set() orders the accesses to `prime_holder`.
#include <atomic>
#include <cstdio>
#include <thread>

struct AtomicEvent {
  std::atomic<bool> flag{false};
  void set() {
    flag.store(true, std::memory_order_release);
    flag.notify_all();
  }
  void wait() {
    while (!flag.load(std::memory_order_acquire)) flag.wait(false, std::memory_order_acquire);
  }
  void clear() { flag.store(false, std::memory_order_relaxed); }
};

int prime_holder = 0;
AtomicEvent prime_available, prime_printed;

bool is_prime(int n) {
  for (int d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return n >= 2;
}

void printer_thread() {
  for (int k = 0; k < 20; ++k) {
    prime_available.wait();
    prime_available.clear();
    std::printf("%d ", prime_holder);
    prime_holder = 0;
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

// expect: lock_order_violation
// exit: 0
// A hand-written latch: an atomic counter that each of two workers decrements (release) after
// locking A then B, and a futex wait until it reads zero (acquire). The waiter then locks B then
// A. It can only get past the latch once both workers' critical sections are over, in every
// schedule: a lock_order_violation note, never an inversion.
#include <atomic>
#include <climits>
#include <linux/futex.h>
#include <mutex>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

static std::mutex A, B;
static std::atomic<int> remaining{2};
static int total = 0;

static void countDown() {
  if (remaining.fetch_sub(1, std::memory_order_release) == 1)
    syscall(SYS_futex, &remaining, FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

static void waitForZero() {
  int seen;
  while ((seen = remaining.load(std::memory_order_acquire)) != 0)
    syscall(SYS_futex, &remaining, FUTEX_WAIT_PRIVATE, seen, nullptr, nullptr, 0);
}

static void worker() {
  {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);
    ++total;
  }
  countDown();
}

int main() {
  std::thread waiter([] {
    waitForZero();
    std::lock_guard<std::mutex> b(B);
    std::lock_guard<std::mutex> a(A);
    ++total;
  });
  std::thread w1(worker), w2(worker);
  w1.join();
  w2.join();
  waiter.join();
  return total == 3 ? 0 : 1;
}

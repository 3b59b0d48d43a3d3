// expect: none
// A waiter uses wait_for(300 ms) with a predicate on a condition variable that nobody notifies
// (the producer decided there is nothing to send). The wait times out and the waiter carries
// on: a bounded wait is not a stall, and the program ends normally.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

static std::mutex m;
static std::condition_variable cv;
static bool has_item = false;

int main() {
  std::thread waiter([] {
    std::unique_lock<std::mutex> lk(m);
    bool got = cv.wait_for(lk, std::chrono::milliseconds(300), [] { return has_item; });
    std::printf("got item: %d\n", got);
  });
  waiter.join();
  return 0;
}

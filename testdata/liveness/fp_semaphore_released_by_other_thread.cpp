// expect: none
// Semaphores have no owner (seeds: "mutex vs semaphore"): a consumer acquires a
// std::binary_semaphore and a different thread releases it, a strict ping-pong that never
// releases above max() == 1. Not an unlock_not_owned and not an overflow.
#include <semaphore>
#include <thread>

static std::binary_semaphore ping(0), pong(0);
static int rounds = 0;

int main() {
  std::thread a([] {
    for (int i = 0; i < 1000; ++i) {
      ping.release();  // count 0 -> 1, consumed by b before the next release
      pong.acquire();
    }
  });
  std::thread b([] {
    for (int i = 0; i < 1000; ++i) {
      ping.acquire();
      ++rounds;
      pong.release();
    }
  });
  a.join();
  b.join();
  return rounds == 1000 ? 0 : 1;
}

// expect: starvation
// Writer starvation on a std::shared_mutex (glibc's default rwlock prefers readers): two reader
// threads keep taking and releasing shared locks but always overlap, each re-acquiring before
// the other lets go, so the reader count never drops to zero. The writer, arriving at 100 ms,
// waits in lock() for ~2.3 s (readers stop after 2.4 s), then gets the lock and the program exits.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <shared_mutex>
#include <thread>

using Clock = std::chrono::steady_clock;

static std::shared_mutex rw;
static std::atomic<bool> stop{false};
static std::atomic<int> holders{0};  // how many readers currently hold rw shared
static std::atomic<int> turn{0};     // which reader may briefly release next
static std::atomic<long> reads{0};

static void reader(int id) {
  rw.lock_shared();
  holders++;
  while (!stop) {
    std::this_thread::sleep_for(std::chrono::microseconds(300));  // read something
    // release only on our turn and while the other reader is inside, then re-enter at once
    while ((turn != id || holders < 2) && !stop) std::this_thread::yield();
    if (stop) break;
    holders--;
    rw.unlock_shared();
    rw.lock_shared();  // reader-preferring: succeeds even though a writer is waiting
    holders++;
    reads++;
    turn = 1 - id;
  }
  holders--;
  rw.unlock_shared();
}

int main() {
  std::thread r1(reader, 0);
  while (holders < 1) std::this_thread::yield();
  std::thread r2(reader, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::thread writer([] {
    auto t0 = Clock::now();
    rw.lock();  // starves while the readers keep overlapping
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    rw.unlock();
    std::printf("writer waited %lld ms (%ld reads meanwhile)\n", (long long)waited.count(),
                reads.load());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(2400));
  stop = true;
  r1.join();
  r2.join();
  writer.join();
  return 0;
}

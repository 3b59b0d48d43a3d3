// expect: data_race
// The "updater" takes std::shared_timed_mutex in *shared* mode (lock_shared)
// and writes `snapshot`, while a reader also holds it in shared mode and reads.
// Shared holders don't exclude or synchronize with each other: race on snapshot.
#include <cstdio>
#include <shared_mutex>
#include <thread>

int snapshot = 0;
std::shared_timed_mutex snap_mutex;

void updater() {
  for (int i = 0; i < 100; ++i) {
    std::shared_lock<std::shared_timed_mutex> lk(snap_mutex);  // BUG: should be exclusive
    snapshot = i;                                               // racy write
  }
}

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) {
    std::shared_lock<std::shared_timed_mutex> lk(snap_mutex);
    *sum += snapshot;  // racy read
  }
}

int main() {
  long sum = 0;
  std::thread u(updater), r(reader, &sum);
  u.join();
  r.join();
  std::printf("sum = %ld\n", sum);
  return 0;
}

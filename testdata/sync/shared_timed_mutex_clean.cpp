// expect: none
// std::shared_timed_mutex: two readers take the shared lock with
// try_lock_shared_for and a writer takes the exclusive lock with try_lock_for,
// all retrying on timeout. `snapshot` is written only under the exclusive lock.
#include <chrono>
#include <cstdio>
#include <shared_mutex>
#include <thread>

int snapshot = 0;
std::shared_timed_mutex snap_mutex;
using std::chrono::milliseconds;

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) {
    while (!snap_mutex.try_lock_shared_for(milliseconds(5))) {
    }
    *sum += snapshot;
    snap_mutex.unlock_shared();
  }
}

void writer() {
  for (int i = 0; i < 100; ++i) {
    while (!snap_mutex.try_lock_for(milliseconds(5))) {
    }
    snapshot += 2;
    snap_mutex.unlock();
  }
}

int main() {
  long s1 = 0, s2 = 0;
  std::thread r1(reader, &s1), r2(reader, &s2), w(writer);
  r1.join();
  r2.join();
  w.join();
  std::printf("snapshot = %d, sums %ld %ld\n", snapshot, s1, s2);
  return 0;
}

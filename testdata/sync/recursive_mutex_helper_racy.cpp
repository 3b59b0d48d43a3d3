// expect: data_race
// record() expects its caller to hold the std::recursive_mutex. Thread a uses the
// locked path (locking twice, recursively); thread b calls record() directly
// without any lock. b never synchronizes with a, so the accesses to `hits` race.
#include <cstdio>
#include <mutex>
#include <thread>

int hits = 0;
std::recursive_mutex rlock;

void record() { hits += 1; }  // caller must hold rlock

void locked_record() {
  std::lock_guard<std::recursive_mutex> outer(rlock);
  std::lock_guard<std::recursive_mutex> inner(rlock);
  record();
}

void careful() {
  for (int i = 0; i < 100; ++i) locked_record();
}

void careless() {
  for (int i = 0; i < 100; ++i) record();  // BUG: no lock
}

int main() {
  std::thread a(careful), b(careless);
  a.join();
  b.join();
  std::printf("hits = %d\n", hits);
  return 0;
}

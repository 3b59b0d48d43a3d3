// expect: none
// Port of the seeds' RLock examples: add_pair() holds a std::recursive_mutex
// and calls add_one(), which locks it again (re-entry by the owner). main also
// acquires it twice and releases twice before child threads can get it. All
// accesses to `shared_state` happen while holding rlock: no race.
#include <cstdio>
#include <mutex>
#include <thread>

int shared_state = 0;
std::recursive_mutex rlock;

void add_one() {
  std::lock_guard<std::recursive_mutex> g(rlock);  // re-entered when called from add_pair
  shared_state += 1;
}

void add_pair() {
  std::lock_guard<std::recursive_mutex> g(rlock);
  add_one();
  add_one();
}

void child_task() {
  for (int i = 0; i < 100; ++i) add_pair();
}

int main() {
  std::thread a(child_task), b(child_task);
  rlock.lock();
  rlock.lock();
  shared_state += 1000;
  rlock.unlock();
  rlock.unlock();  // must release as many times as acquired
  a.join();
  b.join();
  std::printf("shared_state = %d (expected 1400)\n", shared_state);
  return 0;
}

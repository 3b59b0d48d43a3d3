// expect: none
// Two threads acquire a std::mutex by retrying try_lock() (yielding between
// attempts) and only touch `hits` after a *successful* try_lock. A successful
// try_lock synchronizes like lock(), so all accesses to `hits` are ordered.
#include <cstdio>
#include <mutex>
#include <thread>

int hits = 0;
std::mutex hits_mutex;

void worker() {
  for (int i = 0; i < 100; ++i) {
    while (!hits_mutex.try_lock()) std::this_thread::yield();
    ++hits;
    hits_mutex.unlock();
  }
}

int main() {
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  std::printf("hits = %d\n", hits);
  return 0;
}

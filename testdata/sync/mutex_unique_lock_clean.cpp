// expect: none
// Two threads append to a shared log through std::unique_lock: the lock is
// created deferred, locked only around the append and unlocked early while the
// thread does private work. `log_len`/`log_buf` are only touched under log_mutex.
#include <cstdio>
#include <mutex>
#include <thread>

int log_buf[200];
int log_len = 0;
std::mutex log_mutex;

void writer(int id) {
  for (int i = 0; i < 100; ++i) {
    std::unique_lock<std::mutex> lk(log_mutex, std::defer_lock);
    int value = id * 1000 + i * i % 97;  // private work, no lock needed
    lk.lock();
    log_buf[log_len++] = value;
    lk.unlock();
    value += 1;  // more private work after the early unlock
  }
}

int main() {
  std::thread a(writer, 1), b(writer, 2);
  a.join();
  b.join();
  std::printf("log_len = %d, first = %d\n", log_len, log_buf[0]);
  return 0;
}

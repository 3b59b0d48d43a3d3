// expect: data_race
// Like daemon_thread_atomic_flag_clean, but the detached thread publishes with a
// relaxed store and main polls with a relaxed load. Relaxed atomics create no
// happens-before, so main's read of `status_code` races with the daemon's write.
#include <atomic>
#include <cstdio>
#include <thread>

int status_code = 0;
std::atomic<bool> report_ready{false};

void background_task() {
  status_code = 200;  // racy write
  report_ready.store(true, std::memory_order_relaxed);
}

int main() {
  std::thread(background_task).detach();
  while (!report_ready.load(std::memory_order_relaxed)) std::this_thread::yield();
  std::printf("status_code = %d\n", status_code);  // racy read
  return 0;
}

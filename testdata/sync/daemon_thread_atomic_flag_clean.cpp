// expect: none
// A detached thread fills `status_report` and then sets an std::atomic<bool>
// with a release store; main spins (yielding) on an acquire load before reading
// the report. The acquire load that sees true synchronizes with the store.
#include <atomic>
#include <cstdio>
#include <thread>

char status_report[32];
std::atomic<bool> report_ready{false};

void background_task() {
  std::snprintf(status_report, sizeof status_report, "scanned %d files", 100);
  report_ready.store(true, std::memory_order_release);
}

int main() {
  std::thread(background_task).detach();
  while (!report_ready.load(std::memory_order_acquire)) std::this_thread::yield();
  std::printf("report: %s\n", status_report);
  return 0;
}

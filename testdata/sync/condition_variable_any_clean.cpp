// expect: none
// std::condition_variable_any used with a std::recursive_mutex: the worker waits
// (predicate loop) for `job_ready`, processes `job_input` into `job_output`, and
// signals back. Every shared access happens while holding job_mutex.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

int job_input = 0, job_output = 0;
bool job_ready = false, job_done = false;
std::recursive_mutex job_mutex;
std::condition_variable_any job_cv;

void worker() {
  for (int round = 0; round < 50; ++round) {
    std::unique_lock<std::recursive_mutex> lk(job_mutex);
    job_cv.wait(lk, [] { return job_ready; });
    job_output = job_input * 2;
    job_ready = false;
    job_done = true;
    job_cv.notify_all();
  }
}

int main() {
  std::thread w(worker);
  long total = 0;
  for (int round = 0; round < 50; ++round) {
    std::unique_lock<std::recursive_mutex> lk(job_mutex);
    job_input = round;
    job_ready = true;
    job_cv.notify_all();
    job_cv.wait(lk, [] { return job_done; });
    job_done = false;
    total += job_output;
  }
  w.join();
  std::printf("total = %ld (expected 2450)\n", total);
  return 0;
}

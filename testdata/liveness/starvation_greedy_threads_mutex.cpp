// expect: starvation
// A greedy thread holds a std::mutex for 2 ms at a time and takes it again the
// moment it lets go; a victim waits in lock() the whole time, ~3 s, while the
// lock is taken ~1000 times. Everything runs on one CPU, the greedy thread has
// a real-time priority where allowed and the victim the idle class, which
// never preempts on wakeup: after each unlock the greedy thread retakes the
// lock before the woken victim can run. Starvation, every run.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

using Clock = std::chrono::steady_clock;

static std::mutex m;
static std::atomic<bool> stop{false};
static long acquisitions = 0; // protected by m

int main() {
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  sched_setaffinity(0, sizeof(one), &one); // inherited by the threads below

  std::thread greedy([] {
    sched_param rt{};
    rt.sched_priority = 1;
    if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &rt) != 0)
      setpriority(PRIO_PROCESS, 0, -20); // best effort; SCHED_IDLE suffices
    auto end = Clock::now() + std::chrono::milliseconds(3000);
    while (Clock::now() < end) {
      std::lock_guard<std::mutex> hold(m);
      ++acquisitions;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    stop = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::thread victim([] {
    sched_param idle{};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle);
    while (!stop) {
      auto start = Clock::now();
      std::lock_guard<std::mutex> hold(m); // starves: the greedy thread wins
      auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
          Clock::now() - start);
      std::printf("victim got the lock after %lld ms\n",
                  static_cast<long long>(waited.count()));
    }
  });
  greedy.join();
  victim.join();
  std::printf("greedy acquisitions: %ld\n", acquisitions);
  return 0;
}

// expect: starvation
// args: --starvation-threshold 0.5
// Three greedy threads take a std::mutex, hold it 2 ms and retake it at once with try_lock spins,
// so it is released ~1000 times a second, but always grabbed again within nanoseconds. The
// victim is a low-priority (SCHED_IDLE) thread blocked in lock(); it cannot run in those tiny
// gaps, so it waits well over 1 s (typically 2-3 s) until the greedy threads stop at 3.1 s.
#include <pthread.h>
#include <sched.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

using Clock = std::chrono::steady_clock;

static std::mutex m;
static std::atomic<bool> stop{false};
static long acquisitions[3];  // protected by m

static void greedy(int id) {
  while (true) {
    while (!m.try_lock())
      if (stop) return;
    ++acquisitions[id];
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // work while holding m
    m.unlock();
    if (stop) return;
  }
}

int main() {
  // More greedy spinners than cores: the idle-priority victim never runs in a gap.
  std::thread g0(greedy, 0), g1(greedy, 1), g2(greedy, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::thread victim([] {
    sched_param sp{};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);  // best effort; ignore failure
    long long longest = 0;
    while (!stop) {
      auto t0 = Clock::now();
      m.lock();  // starves: every release is followed at once by a greedy re-acquisition
      auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
      if (waited.count() > longest) longest = waited.count();
      m.unlock();
    }
    std::printf("victim's longest wait: %lld ms\n", longest);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  stop = true;
  g0.join();
  g1.join();
  g2.join();
  victim.join();
  std::printf("greedy acquisitions: %ld + %ld + %ld\n", acquisitions[0], acquisitions[1],
              acquisitions[2]);
  return 0;
}

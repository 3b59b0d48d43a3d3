// expect: livelock
// Two polite threads each need both mutexes: T0 locks A and try_locks B, T1 locks B and
// try_locks A; on failure each releases its first lock, backs off 1 ms and retries. A barrier
// keeps them in lockstep (both hold their first lock before either tries), so every try_lock
// fails and neither ever holds both: no progress for ~3 s, then a deadline ends the program.
#include <pthread.h>
#include <unistd.h>
#include <atomic>
#include <chrono>
#include <cstdio>

using Clock = std::chrono::steady_clock;

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t step;
static Clock::time_point deadline;
static bool keep_going = true;  // written by T0 only between rounds (ordered by the barriers)
static std::atomic<long> failures{0}, successes{0};

struct Side { int id; pthread_mutex_t *first, *second; };

static void *polite(void *arg) {
  Side *s = static_cast<Side *>(arg);
  while (true) {
    if (s->id == 0) keep_going = Clock::now() < deadline;
    pthread_barrier_wait(&step);  // round start: both see the same keep_going
    if (!keep_going) break;
    pthread_mutex_lock(s->first);
    pthread_barrier_wait(&step);  // both now hold their first lock
    if (pthread_mutex_trylock(s->second) == 0) {
      successes++;  // would do the real work here
      pthread_mutex_unlock(s->second);
    } else {
      failures++;
    }
    pthread_barrier_wait(&step);  // both have tried
    pthread_mutex_unlock(s->first);  // be polite: give up and back off
    usleep(1000);
  }
  return nullptr;
}

int main() {
  pthread_barrier_init(&step, nullptr, 2);
  deadline = Clock::now() + std::chrono::seconds(3);
  Side s0{0, &A, &B}, s1{1, &B, &A};
  pthread_t t0, t1;
  pthread_create(&t0, nullptr, polite, &s0);
  pthread_create(&t1, nullptr, polite, &s1);
  pthread_join(t0, nullptr);
  pthread_join(t1, nullptr);
  pthread_barrier_destroy(&step);
  std::printf("failed tries: %ld, successes: %ld\n", failures.load(), successes.load());
  return 0;
}

// expect: condvar_multiple_mutexes
// One pthread_cond_t is waited on concurrently by two threads with two different mutexes
// (T1 with m1, T2 with m2): undefined behaviour per POSIX. Both use pthread_cond_timedwait
// (T1 600 ms, T2 starts 100 ms later and waits 200 ms, so the waits overlap) and simply time
// out, so nothing hangs.
#include <pthread.h>
#include <unistd.h>
#include <cstdio>
#include <ctime>

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;

static timespec after_ms(long ms) {
  timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_sec += ms / 1000;
  t.tv_nsec += (ms % 1000) * 1000000L;
  if (t.tv_nsec >= 1000000000L) { t.tv_sec += 1; t.tv_nsec -= 1000000000L; }
  return t;
}

static void *waiter1(void *) {
  pthread_mutex_lock(&m1);
  timespec d = after_ms(600);
  int rc = pthread_cond_timedwait(&cv, &m1, &d);
  pthread_mutex_unlock(&m1);
  std::printf("waiter1: %d\n", rc);
  return nullptr;
}

static void *waiter2(void *) {
  usleep(100000);
  pthread_mutex_lock(&m2);
  timespec d = after_ms(200);
  int rc = pthread_cond_timedwait(&cv, &m2, &d);  // BUG: same cv, different mutex
  pthread_mutex_unlock(&m2);
  std::printf("waiter2: %d\n", rc);
  return nullptr;
}

int main() {
  pthread_t a, b;
  pthread_create(&a, nullptr, waiter1, nullptr);
  pthread_create(&b, nullptr, waiter2, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  return 0;
}

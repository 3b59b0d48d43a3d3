// expect: condvar_wait_unlocked
// pthread_cond_timedwait is called with an ERRORCHECK mutex that the caller has not locked
// (the lock call was forgotten). glibc returns EPERM immediately instead of waiting, and the
// 50 ms deadline would end the wait anyway, so nothing hangs.
#include <pthread.h>
#include <cstdio>
#include <ctime>

int main() {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_t m;
  pthread_mutex_init(&m, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

  timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 50 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec += 1; deadline.tv_nsec -= 1000000000L; }
  int rc = pthread_cond_timedwait(&cv, &m, &deadline);  // BUG: m is not held
  std::printf("timedwait returned %d\n", rc);

  pthread_cond_destroy(&cv);
  pthread_mutex_destroy(&m);
  return 0;
}

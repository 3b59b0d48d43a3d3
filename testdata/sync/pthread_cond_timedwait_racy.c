// expect: data_race
// The setter sets `result_ready` and signals *without* taking the mutex; the
// waiter checks result_ready under the mutex between pthread_cond_timedwait calls
// (5 ms deadlines, so a lost signal cannot hang). The setter never synchronizes
// with the waiter, so its write of result_ready races with the waiter's reads.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

int result_ready = 0;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void *setter(void *arg) {
  (void)arg;
  result_ready = 1;  // BUG: racy write, mutex not held
  pthread_cond_signal(&cv);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, setter, NULL);
  pthread_mutex_lock(&m);
  while (!result_ready) {  // racy read
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 5 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
    pthread_cond_timedwait(&cv, &m, &deadline);
  }
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  printf("done\n");
  return 0;
}

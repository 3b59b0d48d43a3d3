// expect: none
// The waiter loops on pthread_cond_timedwait (absolute CLOCK_REALTIME deadline,
// 5 ms steps) until `result_ready`; the setter writes `result` and result_ready
// under the mutex and signals. Both threads access them only under the mutex.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

int result = 0;
int result_ready = 0;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void *setter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  result = 1234;
  result_ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, setter, NULL);
  pthread_mutex_lock(&m);
  int timeouts = 0;
  while (!result_ready) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 5 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
    if (pthread_cond_timedwait(&cv, &m, &deadline) != 0) timeouts++;
  }
  printf("result = %d after %d timeouts\n", result, timeouts);
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}

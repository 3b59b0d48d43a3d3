// expect: none
// A condition variable is destroyed right after a broadcast that woke its waiters, before they
// have taken the mutex back: allowed (POSIX's own example), and glibc waits for them to leave.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go_cond = PTHREAD_COND_INITIALIZER;
static int waiting, go;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  waiting++;
  while (!go)
    pthread_cond_wait(&go_cond, &m);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, worker, 0);
  for (;;) {
    pthread_mutex_lock(&m);
    if (waiting == 2)
      break;
    pthread_mutex_unlock(&m);
    sched_yield();
  }
  go = 1;
  pthread_cond_broadcast(&go_cond);
  pthread_mutex_unlock(&m);
  int status = pthread_cond_destroy(&go_cond); // both were woken
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
  return status;
}

// expect: condvar_destroy_busy
// Shutdown destroys a condition variable while a worker still waits on it, before waking it.
// glibc's destroy would wait for that waiter forever; racegate reports it and refuses the
// destroy with EBUSY, after which the program wakes the worker and destroys it properly.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go_cond = PTHREAD_COND_INITIALIZER;
static int waiting, go;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  waiting = 1;
  while (!go)
    pthread_cond_wait(&go_cond, &m);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  // Once the worker has set the flag and this thread holds the mutex again, the worker is
  // inside pthread_cond_wait (it gave the mutex up only there).
  for (;;) {
    pthread_mutex_lock(&m);
    if (waiting)
      break;
    pthread_mutex_unlock(&m);
    sched_yield();
  }
  int busy = pthread_cond_destroy(&go_cond); // the worker still waits
  go = 1;
  pthread_cond_broadcast(&go_cond);
  pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  if (busy != 0)
    pthread_cond_destroy(&go_cond);
  return 0;
}

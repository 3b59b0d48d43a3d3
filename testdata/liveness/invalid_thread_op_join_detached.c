// expect: invalid_thread_op
// A thread is detached and then joined: a detached thread cannot be joined,
// and its handle may already name nothing.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static void *worker(void *arg) { return arg; }

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  struct timespec pause = {0, 20 * 1000 * 1000};
  nanosleep(&pause, NULL);
  int result = pthread_join(t, NULL); // join of a detached thread
  printf("join: %d\n", result);
  return 0;
}

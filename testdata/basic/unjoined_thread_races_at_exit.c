// expect: data_race
// main starts a worker and returns without joining it. The worker begins
// after a short pause and writes `status`, which main wrote without any
// synchronization with it. Without a grace at exit the process usually ends
// before the worker runs and the race depends on luck; racegate lets the
// worker run (bounded by --exit-grace) so it is found every time.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

int status;

static void *worker(void *arg) {
  (void)arg;
  struct timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, NULL);
  status = 2; // races with main's write
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  status = 1; // not ordered with the worker's write
  printf("started\n");
  return 0;
}

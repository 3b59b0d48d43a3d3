// expect: none
// main fills `config` before it starts a detached worker, then returns
// without waiting. The worker, given its chance to run at exit, only reads
// what was written before pthread_create: everything is ordered, no race.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

int config[4];
int seen;

static void *worker(void *arg) {
  (void)arg;
  struct timespec pause = {0, 20 * 1000 * 1000};
  nanosleep(&pause, NULL);
  seen = config[0] + config[3];
  return NULL;
}

int main(void) {
  for (int i = 0; i < 4; ++i)
    config[i] = i;
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  printf("started\n");
  return 0;
}

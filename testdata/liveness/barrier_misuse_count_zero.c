// expect: barrier_misuse
// A barrier is initialized for 0 parties: the call fails with EINVAL and no
// round could ever complete.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int main(void) {
  pthread_barrier_t barrier;
  int status = pthread_barrier_init(&barrier, NULL, 0);
  printf("init: %d\n", status);
  return 0;
}

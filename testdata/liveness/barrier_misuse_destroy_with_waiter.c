// expect: barrier_misuse
// The main thread destroys a two-party barrier while a worker waits at it, in a round that
// cannot complete without the main thread. racegate reports it and refuses the destroy with
// EBUSY; the program then completes the round and destroys the barrier after it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

static pthread_barrier_t barrier;
static atomic_int arriving;

static void *worker(void *arg) {
  (void)arg;
  atomic_store(&arriving, 1);
  pthread_barrier_wait(&barrier);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_barrier_init(&barrier, 0, 2);
  pthread_create(&t, 0, worker, 0);
  while (!atomic_load(&arriving))
    ;
  struct timespec settle = {0, 50 * 1000 * 1000};
  nanosleep(&settle, 0); // let the worker get into the wait
  int busy = pthread_barrier_destroy(&barrier);
  if (busy != 0)
    pthread_barrier_wait(&barrier); // complete the round
  pthread_join(t, 0);
  if (busy != 0)
    pthread_barrier_destroy(&barrier);
  return 0;
}

// expect: none
// Four threads pass a barrier several rounds; the main thread, one of the parties, destroys it
// as soon as its last wait returns, while the others may still be on their way out: allowed,
// the round is complete.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

static pthread_barrier_t barrier;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 50; ++i)
    pthread_barrier_wait(&barrier);
  return 0;
}

int main(void) {
  pthread_t t[3];
  pthread_barrier_init(&barrier, 0, 4);
  for (int i = 0; i < 3; ++i)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 50; ++i)
    pthread_barrier_wait(&barrier);
  int status = pthread_barrier_destroy(&barrier);
  for (int i = 0; i < 3; ++i)
    pthread_join(t[i], 0);
  pthread_barrier_init(&barrier, 0, 2); // again, nobody waits
  pthread_barrier_destroy(&barrier);
  return status;
}

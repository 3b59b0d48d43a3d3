// expect: data_race
// Like pthread_barrier_clean but the second pthread_barrier_wait is missing:
// after the barrier each thread reads its neighbour's slot and then immediately
// rewrites its own slot. The neighbour's read and this rewrite both follow the
// same barrier with no later synchronization: data race on slots.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define N 3
int slots[N];
long seen[N];
pthread_barrier_t barrier;

static void *worker(void *arg) {
  int id = (int)(long)arg;
  slots[id] = id + 1;
  pthread_barrier_wait(&barrier);
  seen[id] = slots[(id + 1) % N];  // racy read
  // BUG: missing second pthread_barrier_wait here
  slots[id] = 100 + id;            // racy write
  return NULL;
}

int main(void) {
  pthread_barrier_init(&barrier, NULL, N);
  pthread_t ts[N];
  for (long i = 0; i < N; ++i) pthread_create(&ts[i], NULL, worker, (void *)i);
  for (int i = 0; i < N; ++i) pthread_join(ts[i], NULL);
  printf("seen %ld %ld %ld\n", seen[0], seen[1], seen[2]);
  pthread_barrier_destroy(&barrier);
  return 0;
}

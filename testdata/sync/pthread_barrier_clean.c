// expect: none
// Three threads run two phases separated by pthread_barrier_wait: phase 1 each
// writes slots[i]; after the barrier each reads its neighbour's slot; a second
// barrier keeps anyone from rewriting its slot (phase 2) before all reads finish.
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
  seen[id] = slots[(id + 1) % N];
  pthread_barrier_wait(&barrier);
  slots[id] = 100 + id;  // phase 2 rewrite, ordered after every read
  return NULL;
}

int main(void) {
  pthread_barrier_init(&barrier, NULL, N);
  pthread_t ts[N];
  for (long i = 0; i < N; ++i) pthread_create(&ts[i], NULL, worker, (void *)i);
  for (int i = 0; i < N; ++i) pthread_join(ts[i], NULL);
  printf("seen %ld %ld %ld, slots[0] = %d\n", seen[0], seen[1], seen[2], slots[0]);
  pthread_barrier_destroy(&barrier);
  return 0;
}

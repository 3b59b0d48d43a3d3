// expect: none
// Three threads call pthread_once(&table_once, init_table) and then read
// `lookup_table`. pthread_once guarantees the init routine completes (and
// synchronizes) before any pthread_once call on that control returns.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int lookup_table[16];
pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void init_table(void) {
  for (int i = 0; i < 16; ++i) lookup_table[i] = i * i;
}

static void *worker(void *arg) {
  long *sum = arg;
  pthread_once(&table_once, init_table);
  for (int i = 0; i < 16; ++i) *sum += lookup_table[i];
  return NULL;
}

int main(void) {
  long sums[3] = {0, 0, 0};
  pthread_t ts[3];
  for (int i = 0; i < 3; ++i) pthread_create(&ts[i], NULL, worker, &sums[i]);
  for (int i = 0; i < 3; ++i) pthread_join(ts[i], NULL);
  printf("sums %ld %ld %ld (expected 1240)\n", sums[0], sums[1], sums[2]);
  return 0;
}

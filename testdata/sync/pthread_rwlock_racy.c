// expect: data_race
// Two threads take a pthread_rwlock_t with rdlock (shared mode) but both
// increment `lookups`. Read locks neither exclude nor synchronize with each
// other, so the two writes to lookups race.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int route_table[4] = {1, 2, 3, 4};
int lookups = 0;
pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;

static void *reader(void *arg) {
  long *sum = arg;
  for (int i = 0; i < 100; ++i) {
    pthread_rwlock_rdlock(&table_lock);
    *sum += route_table[i % 4];
    lookups++;  // BUG: write under a read lock
    pthread_rwlock_unlock(&table_lock);
  }
  return NULL;
}

int main(void) {
  long s1 = 0, s2 = 0;
  pthread_t r1, r2;
  pthread_create(&r1, NULL, reader, &s1);
  pthread_create(&r2, NULL, reader, &s2);
  pthread_join(r1, NULL);
  pthread_join(r2, NULL);
  printf("sums %ld %ld, lookups = %d\n", s1, s2, lookups);
  return 0;
}

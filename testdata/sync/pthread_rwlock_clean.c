// expect: none
// pthread_rwlock_t: two readers sum `route_table` under rdlock, one writer
// updates it under wrlock. Readers only read; the writer excludes everyone.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int route_table[4] = {1, 2, 3, 4};
pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;

static void *reader(void *arg) {
  long *sum = arg;
  for (int i = 0; i < 100; ++i) {
    pthread_rwlock_rdlock(&table_lock);
    *sum += route_table[i % 4];
    pthread_rwlock_unlock(&table_lock);
  }
  return NULL;
}

static void *writer(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_rwlock_wrlock(&table_lock);
    route_table[i % 4] += 1;
    pthread_rwlock_unlock(&table_lock);
  }
  return NULL;
}

int main(void) {
  long s1 = 0, s2 = 0;
  pthread_t r1, r2, w;
  pthread_create(&r1, NULL, reader, &s1);
  pthread_create(&r2, NULL, reader, &s2);
  pthread_create(&w, NULL, writer, NULL);
  pthread_join(r1, NULL);
  pthread_join(r2, NULL);
  pthread_join(w, NULL);
  printf("sums %ld %ld, table[0] = %d\n", s1, s2, route_table[0]);
  return 0;
}

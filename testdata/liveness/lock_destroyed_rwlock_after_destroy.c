// expect: lock_destroyed
// A reader/writer lock is destroyed and then read-locked and unlocked again. glibc's destroy
// changes nothing, so the calls seem to work: only racegate says they use a dead object.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t table_lock;
static int table[4];

static int lookup(int i) {
  pthread_rwlock_rdlock(&table_lock);
  int v = table[i];
  pthread_rwlock_unlock(&table_lock);
  return v;
}

int main(void) {
  pthread_rwlock_init(&table_lock, NULL);
  int sum = lookup(1);
  pthread_rwlock_destroy(&table_lock);
  sum += lookup(2); // after the destroy
  printf("%d\n", sum);
  return 0;
}

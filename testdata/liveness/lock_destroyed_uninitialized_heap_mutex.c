// expect: lock_destroyed
// A mutex inside a malloc'ed record is locked without ever being initialized: the record's
// bytes are whatever the buffer held before (here text). glibc may crash on such a mutex;
// racegate reports it and fails the lock with EINVAL.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record {
  pthread_mutex_t lock;
  int hits;
};

int main(void) {
  char *buffer = malloc(sizeof(struct record));
  memset(buffer, 'A', sizeof(struct record)); // an earlier use of the memory
  struct record *r = (struct record *)buffer;  // no pthread_mutex_init
  r->hits = 0;
  if (pthread_mutex_lock(&r->lock) == 0) {
    r->hits++;
    pthread_mutex_unlock(&r->lock);
  }
  printf("%d\n", r->hits);
  free(buffer);
  return 0;
}

// Creates COUNT live objects of one kind (argv[1]: mutex, rwlock, condvar,
// semaphore), each used once by two threads, and keeps them all alive to
// the end: the runtime's memory per live sync object is the peak RSS above
// a run with COUNT 0.
// usage: many_sync_objects KIND COUNT
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind;
static long count;
static void *objects;

static size_t objectSize(void) {
  if (!strcmp(kind, "mutex"))
    return sizeof(pthread_mutex_t);
  if (!strcmp(kind, "rwlock"))
    return sizeof(pthread_rwlock_t);
  if (!strcmp(kind, "condvar"))
    return sizeof(pthread_cond_t);
  return sizeof(sem_t);
}

static void *useAll(void *arg) {
  char *base = objects;
  size_t size = objectSize();
  for (long i = 0; i < count; ++i) {
    void *o = base + i * size;
    if (!strcmp(kind, "mutex")) {
      pthread_mutex_lock(o);
      pthread_mutex_unlock(o);
    } else if (!strcmp(kind, "rwlock")) {
      pthread_rwlock_rdlock(o);
      pthread_rwlock_unlock(o);
    } else if (!strcmp(kind, "condvar")) {
      pthread_cond_signal(o);
    } else {
      sem_post(o);
      sem_wait(o);
    }
  }
  return arg;
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  kind = argv[1];
  count = atol(argv[2]);
  objects = malloc(objectSize() * (count ? count : 1));
  char *base = objects;
  for (long i = 0; i < count; ++i) {
    void *o = base + i * objectSize();
    if (!strcmp(kind, "mutex"))
      pthread_mutex_init(o, NULL);
    else if (!strcmp(kind, "rwlock"))
      pthread_rwlock_init(o, NULL);
    else if (!strcmp(kind, "condvar"))
      pthread_cond_init(o, NULL);
    else
      sem_init(o, 0, 0);
  }
  pthread_t other;
  pthread_create(&other, NULL, useAll, NULL);
  useAll(NULL);
  pthread_join(other, NULL);
  printf("%ld %s objects\n", count, kind);
  return 0;
}

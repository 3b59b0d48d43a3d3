// expect: data_race
// Port of the seeds' unbalanced RLock: main locks a RECURSIVE mutex twice but
// unlocks once, so it still owns it. The child's trylock fails (EBUSY) and the
// child writes `shared_state` anyway, while main also writes it: the failed
// trylock gives no happens-before, so the two writes race.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

int shared_state = 0;
pthread_mutex_t rlock;

static void *child_task(void *arg) {
  (void)arg;
  if (pthread_mutex_trylock(&rlock) == EBUSY) {
    shared_state = 2;  // racy write: lock NOT acquired
  } else {
    pthread_mutex_unlock(&rlock);
  }
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&rlock, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_mutex_lock(&rlock);
  pthread_mutex_lock(&rlock);
  pthread_mutex_unlock(&rlock);  // BUG: one release short, main still owns rlock
  pthread_t t;
  pthread_create(&t, NULL, child_task, NULL);
  shared_state = 1;  // racy write
  pthread_join(t, NULL);
  pthread_mutex_unlock(&rlock);
  printf("shared_state = %d\n", shared_state);
  pthread_mutex_destroy(&rlock);
  return 0;
}

// expect: data_race, unlock_not_owned
// Port of the seeds' "releasing a lock owned by another thread": main locks an
// ERRORCHECK mutex and writes `shared_state`; the child calls unlock, which fails
// with EPERM (not the owner), and then reads shared_state as if it held the lock.
// A failed unlock is no synchronization: main's write and child's read race.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

int shared_state = 0;
pthread_mutex_t lock;

static void *perform_unlock(void *arg) {
  (void)arg;
  int rc = pthread_mutex_unlock(&lock);  // fails: EPERM
  printf("unlock rc=%s, state=%d\n", rc == EPERM ? "EPERM" : "?", shared_state);  // racy read
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&lock, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_mutex_lock(&lock);
  pthread_t t;
  pthread_create(&t, NULL, perform_unlock, NULL);
  shared_state = 777;  // racy write (main holds the lock, child does not)
  pthread_join(t, NULL);
  pthread_mutex_unlock(&lock);
  pthread_mutex_destroy(&lock);
  return 0;
}

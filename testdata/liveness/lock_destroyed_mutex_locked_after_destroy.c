// expect: lock_destroyed
// A worker's mutex is destroyed when the work is done, and a late caller locks it anyway. glibc
// fails the lock with EINVAL, so the critical section would run unprotected.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock;
static int counter;

static void work(void) {
  if (pthread_mutex_lock(&lock) != 0) {
    counter++; // unprotected
    return;
  }
  counter++;
  pthread_mutex_unlock(&lock);
}

int main(void) {
  pthread_mutex_init(&lock, NULL);
  work();
  pthread_mutex_destroy(&lock);
  work(); // after the destroy
  printf("%d\n", counter);
  return 0;
}

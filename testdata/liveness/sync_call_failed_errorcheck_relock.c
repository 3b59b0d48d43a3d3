// expect: sync_call_failed
// A thread locks an error-checking mutex it already holds: instead of
// deadlocking, pthread_mutex_lock fails with EDEADLK, and the critical
// section the program meant to enter is not one.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t lock;
int balance;

static void deposit(int amount) {
  int status = pthread_mutex_lock(&lock); // already held by the caller
  balance += amount;
  if (status == 0)
    pthread_mutex_unlock(&lock);
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&lock, &attr);
  pthread_mutex_lock(&lock);
  deposit(5);
  pthread_mutex_unlock(&lock);
  printf("%d\n", balance);
  return 0;
}

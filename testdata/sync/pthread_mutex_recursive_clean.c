// expect: none
// PTHREAD_MUTEX_RECURSIVE: update_both() locks the mutex and calls
// update_one(), which locks it again. Two threads call update_both() 100 times;
// `ledger` is only touched while the recursive mutex is held.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int ledger = 0;
pthread_mutex_t rlock;

static void update_one(int v) {
  pthread_mutex_lock(&rlock);  // re-entered by the owner
  ledger += v;
  pthread_mutex_unlock(&rlock);
}

static void update_both(int v) {
  pthread_mutex_lock(&rlock);
  update_one(v);
  ledger += v;
  pthread_mutex_unlock(&rlock);
}

static void *worker(void *arg) {
  for (int i = 0; i < 100; ++i) update_both((int)(long)arg);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&rlock, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_t a, b;
  pthread_create(&a, NULL, worker, (void *)1L);
  pthread_create(&b, NULL, worker, (void *)2L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("ledger = %d (expected 600)\n", ledger);
  pthread_mutex_destroy(&rlock);
  return 0;
}

// expect: lock_order_violation
// exit: 0
// Two threads in phases separated by a pthread barrier: in phase 1 thread 1 locks A then B, in
// phase 2 thread 2 locks B then A. Neither leaves the barrier before both arrived, so the
// sections of the two phases never overlap: a lock_order_violation note, not an inversion.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t phase;
static int total;

static void *one(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  total++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_barrier_wait(&phase);
  return 0;
}

static void *two(void *arg) {
  (void)arg;
  pthread_barrier_wait(&phase);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  total++;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_barrier_init(&phase, 0, 2);
  pthread_create(&t2, 0, two, 0);
  pthread_create(&t1, 0, one, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  pthread_barrier_destroy(&phase);
  return total == 2 ? 0 : 1;
}

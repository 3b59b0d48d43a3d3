// expect: lock_order_violation
// exit: 0
// A latch made of a POSIX semaphore that starts at 0: thread 1 locks A then B and posts; thread
// 2 waits on the semaphore, then locks B then A. The wait cannot return before the post, so the
// two critical sections never overlap in any schedule: a lock_order_violation note.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
static sem_t ready;
static int total;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  total++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&ready);
  return 0;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&ready);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  total++;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  sem_init(&ready, 0, 0);
  pthread_create(&t2, 0, second, 0);
  pthread_create(&t1, 0, first, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  sem_destroy(&ready);
  return total == 2 ? 0 : 1;
}

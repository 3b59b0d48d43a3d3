// expect: lock_order_inversion
// Each thread takes a permit of a semaphore that starts at 2, then locks A and B in opposite
// orders. The second thread starts its wait late, usually after the first one's post, but with
// two permits neither has to wait for the other in any schedule, so the critical sections can
// overlap and deadlock: an inversion, whichever post the wait took.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
static sem_t permits;
static int total;

static void *forward(void *arg) {
  (void)arg;
  sem_wait(&permits);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  total++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&permits);
  return 0;
}

static void *backward(void *arg) {
  (void)arg;
  struct timespec late = {0, 100 * 1000 * 1000};
  nanosleep(&late, 0); // orders nothing
  sem_wait(&permits);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  total++;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&permits);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  sem_init(&permits, 0, 2);
  pthread_create(&t1, 0, forward, 0);
  pthread_create(&t2, 0, backward, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return total == 2 ? 0 : 1;
}

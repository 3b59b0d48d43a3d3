// expect: none
// A lock is held for 1.5 s, then taken once by the other waiter for 1.5 s
// more: one of the two waits 3 s while another thread took the lock once.
// That is a long wait, not starvation.
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static sem_t held;

static void *holdAWhile(void *arg) {
  pthread_mutex_lock(&mutex);
  sem_post(&held);
  usleep(1500 * 1000);
  pthread_mutex_unlock(&mutex);
  return arg;
}

static void *waitThenHold(void *arg) {
  pthread_mutex_lock(&mutex);
  usleep(1500 * 1000);
  pthread_mutex_unlock(&mutex);
  return arg;
}

int main(void) {
  sem_init(&held, 0, 0);
  pthread_t holder, a, b;
  pthread_create(&holder, NULL, holdAWhile, NULL);
  sem_wait(&held);
  pthread_create(&a, NULL, waitThenHold, NULL);
  pthread_create(&b, NULL, waitThenHold, NULL);
  pthread_join(holder, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}

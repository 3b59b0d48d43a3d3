// expect: deadlock
// hangs: yes
// Nested monitor lockout: the consumer takes `outer`, then waits on `ready`
// with `inner`, still holding `outer`. The producer, the only thread that
// could notify it, first needs `outer`. Each waits for the other: a
// deadlock, reported as one (with the condition variable wait in its cycle)
// rather than as a stall.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t inner = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
int available;

static void *consumer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&outer);
  pthread_mutex_lock(&inner);
  while (!available)
    pthread_cond_wait(&ready, &inner); // still holds `outer`
  available = 0;
  pthread_mutex_unlock(&inner);
  pthread_mutex_unlock(&outer);
  return NULL;
}

static void *producer(void *arg) {
  (void)arg;
  struct timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, NULL);
  pthread_mutex_lock(&outer); // held by the waiting consumer
  pthread_mutex_lock(&inner);
  available = 1;
  pthread_cond_signal(&ready);
  pthread_mutex_unlock(&inner);
  pthread_mutex_unlock(&outer);
  return NULL;
}

int main(void) {
  pthread_t c, p;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(c, NULL);
  pthread_join(p, NULL);
  printf("done\n");
  return 0;
}

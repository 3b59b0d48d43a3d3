// expect: none
// A semaphore is used, destroyed and initialized again between phases while nobody waits on
// it; a condition variable and a barrier likewise. No finding.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>

static sem_t s;
static pthread_cond_t c;
static pthread_barrier_t b;

static void *poster(void *arg) {
  (void)arg;
  sem_post(&s);
  pthread_barrier_wait(&b);
  return 0;
}

int main(void) {
  for (int phase = 0; phase < 3; ++phase) {
    pthread_t t;
    sem_init(&s, 0, 0);
    pthread_cond_init(&c, 0);
    pthread_barrier_init(&b, 0, 2);
    pthread_create(&t, 0, poster, 0);
    sem_wait(&s);
    pthread_barrier_wait(&b);
    pthread_join(t, 0);
    pthread_barrier_destroy(&b);
    pthread_cond_destroy(&c);
    sem_destroy(&s);
  }
  sem_init(&s, 0, 1);
  sem_init(&s, 0, 1); // initialized twice, but idle
  sem_wait(&s);
  return 0;
}

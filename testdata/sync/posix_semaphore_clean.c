// expect: none
// A POSIX sem_t initialized to 1 is used as a lock: two threads sem_wait,
// increment `jobs_done`, sem_post, 100 times each. sem_post happens before the
// sem_wait that consumes its count, so all increments are ordered.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

int jobs_done = 0;
sem_t sem;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    sem_wait(&sem);
    jobs_done++;
    sem_post(&sem);
  }
  return NULL;
}

int main(void) {
  sem_init(&sem, 0, 1);
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("jobs_done = %d (expected 200)\n", jobs_done);
  sem_destroy(&sem);
  return 0;
}

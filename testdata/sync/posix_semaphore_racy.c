// expect: data_race
// The worker calls sem_post *before* writing `message` (post too early); main
// sem_waits and then reads message. The write comes after the worker's only
// release, so it is not ordered with main's read: data race on message.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

int message = 0;
sem_t ready;

static void *worker(void *arg) {
  (void)arg;
  sem_post(&ready);  // BUG: signalled before the data is written
  message = 99;      // racy write
  return NULL;
}

int main(void) {
  sem_init(&ready, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  sem_wait(&ready);
  printf("message = %d\n", message);  // racy read
  pthread_join(t, NULL);
  sem_destroy(&ready);
  return 0;
}

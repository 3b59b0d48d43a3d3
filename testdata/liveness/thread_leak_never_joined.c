// expect: thread_leak
// main creates a joinable worker, waits for it to finish through a
// semaphore, and exits without ever joining or detaching it: the thread's
// resources are never reclaimed.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

sem_t done;

static void *worker(void *arg) {
  (void)arg;
  sem_post(&done);
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL); // never joined
  sem_wait(&done);
  printf("worker done\n");
  return 0;
}

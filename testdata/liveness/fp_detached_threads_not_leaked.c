// expect: none
// One worker is created detached, one detaches itself, one is detached by
// main and one is joined: none of them is leaked.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

sem_t done;

static void *worker(void *arg) {
  if (arg)
    pthread_detach(pthread_self());
  sem_post(&done);
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t a, b, c, d;
  pthread_create(&a, &attr, worker, NULL);
  pthread_create(&b, NULL, worker, &b);
  pthread_create(&c, NULL, worker, NULL);
  pthread_detach(c);
  pthread_create(&d, NULL, worker, NULL);
  pthread_join(d, NULL);
  for (int i = 0; i < 4; ++i)
    sem_wait(&done);
  pthread_attr_destroy(&attr);
  printf("all done\n");
  return 0;
}

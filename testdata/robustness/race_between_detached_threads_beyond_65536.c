// expect: data_race
// args: --timeout 300
// warnings: none
// race-lines: 18
// A pool of detached workers, the way daemons run short jobs: 69,997
// detached threads, each started after the one before said it was done,
// then two more that write one variable with nothing ordering them. A
// detached thread's slot is reused once its last access is ordered before
// the creator (its last act was the post), so the last two are checked like
// the first ones, with no "threads unchecked" warning.
#include <pthread.h>
#include <semaphore.h>

static sem_t done;
int shared;

static void *job(void *arg) {
  shared += (int)(long)arg;
  sem_post(&done);
  return NULL;
}

static void *quickJob(void *arg) {
  sem_post(&done);
  return arg;
}

static int startDetached(void *(*routine)(void *), long arg) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  int status = pthread_create(&thread, &attr, routine, (void *)arg);
  pthread_attr_destroy(&attr);
  return status;
}

int main(void) {
  sem_init(&done, 0, 0);
  for (long i = 1; i <= 69997; ++i) {
    if (startDetached(quickJob, 0) != 0)
      return 1;
    sem_wait(&done);
  }
  startDetached(job, 1);
  startDetached(job, 2);
  sem_wait(&done);
  sem_wait(&done);
  return 0;
}

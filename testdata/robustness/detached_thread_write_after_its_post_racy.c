// expect: data_race
// race-lines: 20 27
// A detached worker posts "done" and then still writes a variable. The
// thread started after the post was seen cannot take the worker's slot as if
// everything the worker did were ordered before it: its write races with
// the worker's last one, which nothing orders.
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

static sem_t done;
static pthread_t later;
int shared;

static void *laterJob(void *arg) { return arg; }

static void *worker(void *arg) {
  sem_post(&done);
  usleep(1000);
  shared = 1;
  return arg;
}

static void *next(void *arg) {
  // The worker has ended by now, detached, nobody having seen its write.
  usleep(100000);
  shared = 2;
  return arg;
}

int main(void) {
  sem_init(&done, 0, 0);
  pthread_t w, n;
  pthread_create(&w, NULL, worker, NULL);
  pthread_detach(w);
  sem_wait(&done);
  usleep(50000);
  pthread_create(&n, NULL, next, NULL);
  pthread_create(&later, NULL, laterJob, NULL);
  pthread_join(n, NULL);
  pthread_join(later, NULL);
  return 0;
}

// expect: sync_reinit
// A "reset" calls sem_init on a semaphore a consumer is blocked on. glibc forgets the waiter,
// so a later post may never wake it (this consumer waits with a deadline and retries).
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <time.h>

static sem_t items;
static atomic_int consuming;

static void *consumer(void *arg) {
  (void)arg;
  atomic_store(&consuming, 1);
  for (;;) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 200 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000;
    }
    if (sem_timedwait(&items, &deadline) == 0 || errno != ETIMEDOUT)
      return 0;
  }
}

int main(void) {
  pthread_t t;
  sem_init(&items, 0, 0);
  pthread_create(&t, 0, consumer, 0);
  while (!atomic_load(&consuming))
    ;
  struct timespec settle = {0, 50 * 1000 * 1000};
  nanosleep(&settle, 0); // let the consumer block
  sem_init(&items, 0, 0); // the reset, with the consumer waiting
  sem_post(&items);
  pthread_join(t, 0);
  sem_destroy(&items);
  return 0;
}

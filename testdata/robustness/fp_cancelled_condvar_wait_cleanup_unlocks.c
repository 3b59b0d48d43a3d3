// expect: none
// args: --timeout 30
// A thread cancelled inside pthread_cond_wait() takes the mutex back before
// its cleanup handler runs; the handler's unlock is the correct one.
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static int waiting;

static void unlockMutex(void *m) { pthread_mutex_unlock(m); }

static void *waitForever(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mutex);
  pthread_cleanup_push(unlockMutex, &mutex);
  waiting = 1;
  for (;;)
    pthread_cond_wait(&wake, &mutex);
  pthread_cleanup_pop(0);
  return NULL;
}

int main(void) {
  pthread_t waiter;
  pthread_create(&waiter, NULL, waitForever, NULL);
  for (;;) {
    pthread_mutex_lock(&mutex);
    int started = waiting;
    pthread_mutex_unlock(&mutex);
    if (started)
      break;
    usleep(1000);
  }
  pthread_cancel(waiter);
  pthread_join(waiter, NULL);
  pthread_mutex_lock(&mutex);
  pthread_mutex_unlock(&mutex);
  return 0;
}

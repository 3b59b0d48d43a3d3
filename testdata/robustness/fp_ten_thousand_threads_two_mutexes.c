// expect: none
// args: --timeout 120
// Ten thousand short-lived threads, all started at once, share two mutexes
// (always taken in the same order); on a loaded machine a thread may be
// slow to note that its wait ended. No deadlock, no starvation.
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t second = PTHREAD_MUTEX_INITIALIZER;
static long count;

static void *work(void *arg) {
  pthread_mutex_t *one = (long)arg % 2 ? &first : &second;
  pthread_mutex_lock(one);
  pthread_mutex_unlock(one);
  pthread_mutex_lock(&first);
  pthread_mutex_lock(&second);
  ++count;
  pthread_mutex_unlock(&second);
  pthread_mutex_unlock(&first);
  return arg;
}

int main(void) {
  enum { Threads = 10000 };
  pthread_t *threads = malloc(sizeof(pthread_t) * Threads);
  for (long i = 0; i < Threads; ++i)
    pthread_create(&threads[i], NULL, work, (void *)i);
  for (int i = 0; i < Threads; ++i)
    pthread_join(threads[i], NULL);
  free(threads);
  return count != Threads;
}

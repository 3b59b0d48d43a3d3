/* Compiled by gcc, without racegate: a library the instrumented program
   calls. Its own memory accesses are not seen; the threads it creates and
   the locks it takes are (racegate intercepts the pthread calls). */
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long hidden_counter;

int library_start_thread(pthread_t *thread, void *(*body)(void *), void *arg) {
  return pthread_create(thread, 0, body, arg);
}

int library_join_thread(pthread_t thread) { return pthread_join(thread, 0); }

void library_locked_call(void (*callback)(void)) {
  pthread_mutex_lock(&lock);
  callback();
  pthread_mutex_unlock(&lock);
}

/* Racy when two threads call it, but not instrumented: racegate cannot see
   it. */
void library_bump_hidden(void) { hidden_counter++; }

long library_hidden(void) { return hidden_counter; }

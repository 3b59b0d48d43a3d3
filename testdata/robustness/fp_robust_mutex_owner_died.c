// expect: none
// A thread ends holding a robust mutex; the next owner is told
// (EOWNERDEAD), makes the state consistent and unlocks it. That is what
// robust mutexes are for: no leaked lock, no unlock by a non-owner.
#include <errno.h>
#include <pthread.h>

static pthread_mutex_t mutex;
static int value;

static void *dieHolding(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mutex);
  value = 1;
  return NULL;
}

static void *recover(void *arg) {
  (void)arg;
  if (pthread_mutex_lock(&mutex) == EOWNERDEAD)
    pthread_mutex_consistent(&mutex);
  value = 2;
  pthread_mutex_unlock(&mutex);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&mutex, &attributes);
  pthread_t thread;
  pthread_create(&thread, NULL, dieHolding, NULL);
  pthread_join(thread, NULL);
  pthread_create(&thread, NULL, recover, NULL);
  pthread_join(thread, NULL);
  return value != 2;
}

// expect: none
// Objects are destroyed and a new one is made at the same address, by an init call or by
// assigning a static initializer, before the next use: none of the uses is of a dead object.
// A stack frame reused for a new mutex, rwlock and condition variable does the same.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;

static int use_locals(int round) {
  pthread_mutex_t lm = PTHREAD_MUTEX_INITIALIZER;
  pthread_rwlock_t lrw = PTHREAD_RWLOCK_INITIALIZER;
  pthread_cond_t lc = PTHREAD_COND_INITIALIZER;
  pthread_mutex_lock(&lm);
  pthread_cond_signal(&lc);
  pthread_mutex_unlock(&lm);
  pthread_rwlock_wrlock(&lrw);
  pthread_rwlock_unlock(&lrw);
  pthread_cond_destroy(&lc);
  pthread_rwlock_destroy(&lrw);
  pthread_mutex_destroy(&lm);
  return round;
}

int main(void) {
  int sum = 0;
  for (int i = 0; i < 3; ++i)
    sum += use_locals(i);

  pthread_mutex_destroy(&m);
  pthread_mutex_init(&m, NULL);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m);
  m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);

  pthread_rwlock_destroy(&rw);
  rw = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
  pthread_rwlock_rdlock(&rw);
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_destroy(&rw);
  pthread_rwlock_init(&rw, NULL);
  pthread_rwlock_wrlock(&rw);
  pthread_rwlock_unlock(&rw);

  pthread_cond_destroy(&c);
  pthread_cond_init(&c, NULL);
  pthread_cond_broadcast(&c);
  pthread_cond_destroy(&c);
  c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
  pthread_cond_signal(&c);

  pthread_mutex_t *heap = malloc(sizeof *heap);
  pthread_mutex_init(heap, NULL);
  pthread_mutex_destroy(heap);
  free(heap);
  heap = calloc(1, sizeof *heap); // zeroed: a valid default mutex
  pthread_mutex_lock(heap);
  pthread_mutex_unlock(heap);
  free(heap);
  return sum == 3 ? 0 : 1;
}

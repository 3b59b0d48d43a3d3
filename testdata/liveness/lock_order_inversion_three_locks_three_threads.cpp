// expect: lock_order_inversion
// Three threads each nest two of three pthread mutexes: T1 A->B, T2 B->C, T3 C->A, started
// together and staggered by sleeps (200 ms apart) so this run completes. No pair is inverted,
// but the lock-order graph has the cycle A->B->C->A: with overlapping timing all three could
// each hold one lock and wait for the next.
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;

struct Pair { pthread_mutex_t *first, *second; unsigned delay_us; };

static void *worker(void *arg) {
  Pair *p = static_cast<Pair *>(arg);
  usleep(p->delay_us);
  pthread_mutex_lock(p->first);
  pthread_mutex_lock(p->second);
  pthread_mutex_unlock(p->second);
  pthread_mutex_unlock(p->first);
  return nullptr;
}

int main() {
  Pair pairs[3] = {{&A, &B, 0}, {&B, &C, 200000}, {&C, &A, 400000}};
  pthread_t th[3];
  for (int i = 0; i < 3; ++i) pthread_create(&th[i], nullptr, worker, &pairs[i]);
  for (int i = 0; i < 3; ++i) pthread_join(th[i], nullptr);
  return 0;
}

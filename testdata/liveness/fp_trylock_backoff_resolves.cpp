// expect: none
// The livelock pattern with a randomized back-off: T0 locks A and try_locks B, T1 locks B and
// try_locks A; on failure each releases and sleeps a random 0-200 us. The randomness breaks the
// symmetry, so both soon get both locks; each completes 500 rounds in well under a second.
#include <pthread.h>
#include <unistd.h>
#include <random>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static long done = 0;  // protected by A and B

struct Side { pthread_mutex_t *first, *second; unsigned seed; };

static void *polite(void *arg) {
  Side *s = static_cast<Side *>(arg);
  std::mt19937 rng(s->seed);
  for (int round = 0; round < 500;) {
    pthread_mutex_lock(s->first);
    if (pthread_mutex_trylock(s->second) == 0) {
      ++done;
      ++round;
      pthread_mutex_unlock(s->second);
      pthread_mutex_unlock(s->first);
    } else {
      pthread_mutex_unlock(s->first);
      usleep(rng() % 200);
    }
  }
  return nullptr;
}

int main() {
  Side s0{&A, &B, 1}, s1{&B, &A, 2};
  pthread_t t0, t1;
  pthread_create(&t0, nullptr, polite, &s0);
  pthread_create(&t1, nullptr, polite, &s1);
  pthread_join(t0, nullptr);
  pthread_join(t1, nullptr);
  return done == 1000 ? 0 : 1;
}

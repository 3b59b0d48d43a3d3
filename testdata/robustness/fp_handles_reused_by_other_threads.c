// expect: none
// args: --timeout 120
// Six threads each create and join short threads in a loop. glibc hands a
// joined thread's pthread_t to the next thread created, by any thread, and
// the runtime reuses thread slots too: a join must only ever give up the
// thread it joined, never a newer one that got the same handle or slot, so
// no join here is misuse and none of these threads leaks.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

enum { Workers = 6, Rounds = 3000 };

static void *nothing(void *arg) { return arg; }

static void *worker(void *arg) {
  for (int round = 0; round < Rounds; ++round) {
    pthread_t child;
    if (pthread_create(&child, NULL, nothing, arg) != 0)
      return (void *)1;
    if (round % 3 == 0) {
      while (pthread_tryjoin_np(child, NULL) != 0)
        sched_yield();
    } else if (pthread_join(child, NULL) != 0) {
      return (void *)1;
    }
  }
  return NULL;
}

int main(void) {
  pthread_t workers[Workers];
  for (long i = 0; i < Workers; ++i)
    pthread_create(&workers[i], NULL, worker, (void *)i);
  int failures = 0;
  for (int i = 0; i < Workers; ++i) {
    void *result;
    pthread_join(workers[i], &result);
    failures += result != NULL;
  }
  printf("failed joins: %d\n", failures);
  return failures != 0;
}

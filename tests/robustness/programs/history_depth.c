// One race whose earlier access is followed, in its thread, by as many
// calls as argv[1] says before the other thread makes the racing access.
// The relaxed flag only tells the second thread when to go: it orders
// nothing, so the two writes race.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static long shared;
static atomic_int filled;
static volatile long sink;

__attribute__((noinline)) static void write_shared(void) { shared = 1; }
__attribute__((noinline)) static void first_writer_outer(void) {
  write_shared();
}
__attribute__((noinline)) static void filler(long i) { sink = i; }

static void *first(void *arg) {
  long calls = *(long *)arg;
  first_writer_outer();
  for (long i = 0; i < calls; ++i)
    filler(i);
  atomic_store_explicit(&filled, 1, memory_order_relaxed);
  return 0;
}

static void *second(void *arg) {
  (void)arg;
  while (!atomic_load_explicit(&filled, memory_order_relaxed))
    ;
  shared = 2;
  return 0;
}

int main(int argc, char **argv) {
  long calls = argc > 1 ? atol(argv[1]) : 0;
  pthread_t a, b;
  pthread_create(&a, 0, first, &calls);
  pthread_create(&b, 0, second, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  printf("%ld\n", shared); // keeps the stores
  return 0;
}

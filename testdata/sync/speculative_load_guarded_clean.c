// expect: none
// One thread writes `level`; the other calls read_if(0), which reads
// `level` only when its argument is non-zero, so it never does. Without
// care the optimizer turns `c ? level : 0` into an unconditional load and
// a select: instrumented code must keep the load under its condition (the
// functions are marked sanitize_thread), or a race that the program does
// not have would be reported.
#include <pthread.h>
#include <stdio.h>

int level;

__attribute__((noinline)) int read_if(int c) { return c ? level : 0; }

static void *writer(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i)
    level = i;
  return NULL;
}

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < 1000; ++i)
    sum += read_if(*(volatile int *)arg);
  printf("sum = %ld\n", sum);
  return NULL;
}

int main(void) {
  int zero = 0;
  pthread_t a, b;
  pthread_create(&a, NULL, writer, NULL);
  pthread_create(&b, NULL, reader, &zero);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}

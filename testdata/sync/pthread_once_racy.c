// expect: data_race
// Two modules each guard the initialization of the same `lookup_table` with
// their *own* pthread_once_t. Each once control runs init_table once, so the
// routine runs in both threads, and the two sets of writes are unordered.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int lookup_table[16];
pthread_once_t module_a_once = PTHREAD_ONCE_INIT;
pthread_once_t module_b_once = PTHREAD_ONCE_INIT;  // BUG: second control for same data

static void init_table(void) {
  for (int i = 0; i < 16; ++i) lookup_table[i] = i * i;  // racy write
}

static void *module_a(void *arg) {
  (void)arg;
  pthread_once(&module_a_once, init_table);
  return NULL;
}

static void *module_b(void *arg) {
  (void)arg;
  pthread_once(&module_b_once, init_table);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, module_a, NULL);
  pthread_create(&b, NULL, module_b, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("lookup_table[15] = %d\n", lookup_table[15]);
  return 0;
}

// expect: none
// Two threads increment `packets` 100 times each under a pthread_spinlock_t.
// pthread_spin_unlock releases and pthread_spin_lock acquires, so all
// increments are ordered: no race.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int packets = 0;
pthread_spinlock_t spin;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_spin_lock(&spin);
    packets++;
    pthread_spin_unlock(&spin);
  }
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("packets = %d (expected 200)\n", packets);
  pthread_spin_destroy(&spin);
  return 0;
}

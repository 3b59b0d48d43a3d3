// expect: data_race
// Thread a increments `packets` under a pthread_spinlock_t, thread b increments
// it without taking the spinlock. b performs no synchronization at all, so its
// accesses are unordered with a's: data race on packets.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int packets = 0;
pthread_spinlock_t spin;

static void *locked_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_spin_lock(&spin);
    packets++;  // racy vs unlocked_worker
    pthread_spin_unlock(&spin);
  }
  return NULL;
}

static void *unlocked_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) packets++;  // BUG: no spinlock
  return NULL;
}

int main(void) {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_t a, b;
  pthread_create(&a, NULL, locked_worker, NULL);
  pthread_create(&b, NULL, unlocked_worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("packets = %d\n", packets);
  pthread_spin_destroy(&spin);
  return 0;
}

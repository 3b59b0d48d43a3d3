// expect: none
// A producer mallocs a block, fills it and hands it to a consumer through a
// mutex-protected slot; the consumer reads and frees it; then the producer
// mallocs again (likely reusing the same memory) and writes it. The handoff is
// mutex-ordered and free() happens before a malloc() that reuses the block.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

int *slot = NULL;
pthread_mutex_t slot_mutex = PTHREAD_MUTEX_INITIALIZER;

static void *consumer(void *arg) {
  long *sum = arg;
  for (int round = 0; round < 50; ++round) {
    int *block = NULL;
    while (!block) {
      pthread_mutex_lock(&slot_mutex);
      block = slot;
      slot = NULL;
      pthread_mutex_unlock(&slot_mutex);
      if (!block) sched_yield();
    }
    for (int i = 0; i < 16; ++i) *sum += block[i];
    free(block);
  }
  return NULL;
}

int main(void) {
  long sum = 0;
  pthread_t c;
  pthread_create(&c, NULL, consumer, &sum);
  for (int round = 0; round < 50; ++round) {
    int *block = malloc(16 * sizeof(int));  // may reuse a block freed by the consumer
    for (int i = 0; i < 16; ++i) block[i] = round;
    for (;;) {
      pthread_mutex_lock(&slot_mutex);
      int empty = slot == NULL;
      if (empty) slot = block;
      pthread_mutex_unlock(&slot_mutex);
      if (empty) break;
      sched_yield();
    }
  }
  pthread_join(c, NULL);
  printf("sum = %ld (expected 19600)\n", sum);
  return 0;
}

// expect: none
// A mutex is used by two threads, destroyed after they are joined, and
// initialized again at the same address for a second round: each lock is
// initialized once per use, which is correct.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t lock;
int counter;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  for (int round = 0; round < 2; ++round) {
    pthread_mutex_init(&lock, NULL);
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_mutex_destroy(&lock);
  }
  printf("%d\n", counter);
  return 0;
}

// expect: invalid_thread_op
// The same thread is joined twice: after the first join its handle is no
// longer valid, and joining it again is undefined (glibc may crash or hang).
#include <pthread.h>
#include <stdio.h>

static void *worker(void *arg) { return arg; }

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  int again = pthread_join(t, NULL); // second join of the same thread
  printf("second join: %d\n", again);
  return 0;
}

// expect: none
// Two threads update `lines_written` while holding the stdout lock with
// flockfile()/funlockfile(), which is a (recursive) lock like any other.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int lines_written;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 50; ++i) {
    flockfile(stdout);
    lines_written++;
    funlockfile(stdout);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", lines_written);
  return 0;
}

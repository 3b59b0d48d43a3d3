// expect: data_race
// One thread updates `lines_written` under flockfile(stdout), the other
// without taking the lock: the lock orders nothing for the second thread.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int lines_written;

static void *locked(void *arg) {
  (void)arg;
  flockfile(stdout);
  lines_written++;
  funlockfile(stdout);
  return NULL;
}

static void *unlocked(void *arg) {
  (void)arg;
  lines_written++; // races: no lock
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, locked, NULL);
  pthread_create(&b, NULL, unlocked, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", lines_written);
  return 0;
}

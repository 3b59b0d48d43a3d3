// expect: none
// args: --timeout 30
// The main thread leaves with pthread_exit(); the process ends when its
// last thread does, as it does without racegate.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *work(void *arg) {
  (void)arg;
  usleep(100 * 1000);
  puts("worker done");
  return NULL;
}

int main(void) {
  pthread_t worker;
  pthread_create(&worker, NULL, work, NULL);
  pthread_exit(NULL);
}

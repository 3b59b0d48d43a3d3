// expect: none
// args: --timeout 30
// A thread joins the main thread, which has left with pthread_exit(): the
// join returns, then the process ends with its last thread.
#include <pthread.h>
#include <stdio.h>

static pthread_t mainThread;

static void *joinMain(void *arg) {
  (void)arg;
  pthread_join(mainThread, NULL);
  puts("joined the main thread");
  return NULL;
}

int main(void) {
  mainThread = pthread_self();
  pthread_t joiner;
  pthread_create(&joiner, NULL, joinMain, NULL);
  pthread_exit(NULL);
}

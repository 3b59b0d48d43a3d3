// expect: data_race
// A worker writes into a pipe while main closes the pipe's write end without
// waiting for it: the close races with the use of the descriptor (the
// number may even be reused by then for another file).
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int fds[2];

static void *worker(void *arg) {
  (void)arg;
  if (write(fds[1], "x", 1) != 1) // use of the descriptor
    perror("write");
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  struct timespec pause = {0, 20 * 1000 * 1000};
  nanosleep(&pause, NULL);
  close(fds[1]); // races with the worker's write
  pthread_join(t, NULL);
  close(fds[0]);
  return 0;
}

// expect: none
// Workers write into a pipe; main joins them before it closes the pipe, and
// a later pipe gets the same descriptor numbers: every close is ordered
// after every use of its descriptor, and a reused number is a new file.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

int fds[2];

static void *worker(void *arg) {
  (void)arg;
  if (write(fds[1], "y", 1) != 1)
    perror("write");
  return NULL;
}

int main(void) {
  for (int round = 0; round < 2; ++round) {
    if (pipe(fds) != 0)
      return 1;
    pthread_t t[2];
    for (int i = 0; i < 2; ++i)
      pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; ++i)
      pthread_join(t[i], NULL);
    char got[2];
    if (read(fds[0], got, 2) != 2)
      return 1;
    close(fds[1]);
    close(fds[0]);
  }
  printf("done\n");
  return 0;
}

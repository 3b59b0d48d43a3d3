// expect: data_race
// race-lines: 13
// The program forks and exits at once; its child goes on and races a
// moment later. racegate waits for the child, so its finding is reported.
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

int counter;

static void *bump(void *arg) {
  (void)arg;
  ++counter;
  return NULL;
}

int main(void) {
  if (fork() != 0)
    return 0;
  usleep(300 * 1000);
  pthread_t a, b;
  pthread_create(&a, NULL, bump, NULL);
  pthread_create(&b, NULL, bump, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return counter == 42;
}

// expect: none
// A producer fills `payload`, then writes one byte into a pipe; the consumer
// reads that byte and only then reads `payload`. The write into the pipe
// happens before the read that gets it, so the handoff is ordered.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

int payload[8];
int fds[2];
long sum;

static void *producer(void *arg) {
  (void)arg;
  for (int i = 0; i < 8; ++i)
    payload[i] = i * i;
  char token = 'x';
  if (write(fds[1], &token, 1) != 1)
    return NULL;
  return NULL;
}

static void *consumer(void *arg) {
  (void)arg;
  char token;
  if (read(fds[0], &token, 1) != 1)
    return NULL;
  for (int i = 0; i < 8; ++i)
    sum += payload[i];
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pthread_t a, b;
  pthread_create(&b, NULL, consumer, NULL);
  pthread_create(&a, NULL, producer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld\n", sum);
  return 0;
}

// expect: none
// Like a pipe, but through a socketpair with send() and recv(): the send
// happens before the recv that gets its data, so the consumer's read of
// `record` after recv is ordered after the producer's writes.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>

struct {
  int id;
  char tag[12];
} record;
int ends[2];
int seen;

static void *producer(void *arg) {
  (void)arg;
  record.id = 42;
  record.tag[0] = 'r';
  int ready = 1;
  send(ends[0], &ready, sizeof ready, 0);
  return NULL;
}

static void *consumer(void *arg) {
  (void)arg;
  int ready;
  if (recv(ends[1], &ready, sizeof ready, MSG_WAITALL) == sizeof ready)
    seen = record.id + record.tag[0];
  return NULL;
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0)
    return 1;
  pthread_t a, b;
  pthread_create(&b, NULL, consumer, NULL);
  pthread_create(&a, NULL, producer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", seen);
  return 0;
}

// expect: data_race
// read() fills `buffer` inside the kernel and libc while another thread
// reads the same bytes with plain loads: the bytes read() stores are a
// write, and it races.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

char buffer[16];
int fds[2];
int peek;

static void *filler(void *arg) {
  (void)arg;
  if (read(fds[0], buffer, 4) != 4) // racy write of buffer[0..3]
    return NULL;
  return NULL;
}

static void *peeker(void *arg) {
  (void)arg;
  peek = buffer[1]; // racy read
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0 || write(fds[1], "abcd", 4) != 4)
    return 1;
  pthread_t a, b;
  pthread_create(&a, NULL, filler, NULL);
  pthread_create(&b, NULL, peeker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", peek);
  return 0;
}

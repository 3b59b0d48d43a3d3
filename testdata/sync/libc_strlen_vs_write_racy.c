// expect: data_race
// One thread writes characters of `name` while another takes its strlen().
// strlen reads the string inside libc, where no instrumentation sees it;
// the interceptor records the bytes it read as one access.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

char name[32] = "initial";
size_t length;

static void *writer(void *arg) {
  (void)arg;
  name[3] = 'X'; // racy write
  return NULL;
}

static void *measurer(void *arg) {
  (void)arg;
  length = strlen(name); // racy read, inside libc
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, writer, NULL);
  pthread_create(&b, NULL, measurer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%zu\n", length);
  return 0;
}

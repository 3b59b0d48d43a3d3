// expect: data_race
// strcpy() writes `message` inside libc while another thread reads it with
// plain loads. The source string is only known at run time, so the copy
// stays a libc call.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

char message[64];
char source[64];
int first;

static void *copier(void *arg) {
  (void)arg;
  strcpy(message, source); // racy write in libc
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  first = message[0]; // racy read
  return NULL;
}

int main(int argc, char **argv) {
  snprintf(source, sizeof source, "%s has %d arguments", argv[0], argc);
  pthread_t a, b;
  pthread_create(&a, NULL, copier, NULL);
  pthread_create(&b, NULL, reader, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", first);
  return 0;
}

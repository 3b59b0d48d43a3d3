// expect: data_race
// strcmp() reads both strings up to their first difference; one of them is
// being written by another thread at the same time. (Both strings are
// variables: a comparison with a literal may be expanded into plain loads.)
#include <pthread.h>
#include <stdio.h>
#include <string.h>

char command[16] = "stop";
char stop_word[16] = "stop";
int stopping;

static void *writer(void *arg) {
  (void)arg;
  command[0] = 'g'; // racy write of the first byte strcmp reads
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  stopping = strcmp(command, stop_word) == 0; // racy read in libc
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, writer, NULL);
  pthread_create(&b, NULL, reader, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", stopping);
  return 0;
}

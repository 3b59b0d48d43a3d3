// expect: data_race
// A thread compares `key` with memcmp() while another thread changes a byte
// of it: memcmp reads all the bytes it compares, and that read races. (The
// length is known only at run time: a constant one lets the compiler expand
// the comparison into plain loads, which are checked like any other.)
#include <pthread.h>
#include <stdio.h>
#include <string.h>

unsigned char key[16];
const unsigned char expected[16] = {1, 2, 3};
int matches;
size_t compared = sizeof key;

static void *writer(void *arg) {
  (void)arg;
  key[9] = 7; // racy write
  return NULL;
}

static void *checker(void *arg) {
  (void)arg;
  matches = memcmp(key, expected, compared) == 0; // racy read in libc
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  compared -= argc > 5;
  pthread_t a, b;
  pthread_create(&a, NULL, writer, NULL);
  pthread_create(&b, NULL, checker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", matches);
  return 0;
}

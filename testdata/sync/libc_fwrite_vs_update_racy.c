// expect: data_race
// A logger fwrite()s `line` and puts() `banner` while another thread updates
// both: libc reads the bytes it writes out, and those reads race with the
// updates.
#include <pthread.h>
#include <stdio.h>

char line[32] = "counter=0\n";
char banner[16] = "ready";

static void *logger(void *arg) {
  (void)arg;
  fwrite(line, 1, 10, stdout); // racy read in libc
  puts(banner);                // racy read in libc
  return NULL;
}

static void *updater(void *arg) {
  (void)arg;
  line[8] = '1';   // racy write
  banner[0] = 'R'; // racy write
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, logger, NULL);
  pthread_create(&b, NULL, updater, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}

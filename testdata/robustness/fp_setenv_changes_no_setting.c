// expect: none
// A program that rewrites racegate's variables in its environment, before
// main and after, changes nothing: no 1 s timeout ends its 2 s of work, and
// its findings still reach the stream.
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void early(void) {
  setenv("RACEGATE_TIMEOUT", "1", 1);
  setenv("RACEGATE_STARVATION_MS", "1", 1);
}

int main(void) {
  setenv("RACEGATE_TIMEOUT", "1", 1);
  unsetenv("RACEGATE_FINDINGS");
  clearenv();
  sleep(2);
  return 0;
}

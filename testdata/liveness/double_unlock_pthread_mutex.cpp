// expect: double_unlock
// A cleanup path unlocks a default-type pthread mutex that the normal path already unlocked.
// glibc's default mutex does not detect it (the second unlock just stores 0), so the program
// finishes; the mutex is static and never destroyed.
#include <pthread.h>
#include <cstdio>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int counter = 0;

static void update(bool cleanup_path) {
  pthread_mutex_lock(&m);
  ++counter;
  pthread_mutex_unlock(&m);
  if (cleanup_path) pthread_mutex_unlock(&m);  // BUG: already unlocked
}

int main() {
  update(false);
  update(true);
  std::printf("%d\n", counter);
  return 0;
}

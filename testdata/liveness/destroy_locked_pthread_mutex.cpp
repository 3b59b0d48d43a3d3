// expect: destroy_locked
// pthread_mutex_destroy is called on a mutex that is still locked (by the calling thread).
// glibc returns EBUSY, which the program ignores; after the destroy call nothing touches the
// mutex again, and the program exits normally.
#include <pthread.h>
#include <cstdio>

int main() {
  pthread_mutex_t m;
  pthread_mutex_init(&m, nullptr);
  pthread_mutex_lock(&m);
  int rc = pthread_mutex_destroy(&m);  // BUG: still locked
  std::printf("destroy returned %d\n", rc);
  return 0;
}

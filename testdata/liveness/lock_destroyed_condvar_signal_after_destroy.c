// expect: lock_destroyed
// A condition variable is destroyed at shutdown while a late notifier still signals it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;
static int state;

static void publish(int v) {
  pthread_mutex_lock(&m);
  state = v;
  pthread_cond_signal(&changed);
  pthread_mutex_unlock(&m);
}

int main(void) {
  pthread_cond_init(&changed, NULL);
  publish(1);
  pthread_cond_destroy(&changed);
  publish(2); // signals the destroyed condition variable
  return state == 2 ? 0 : 1;
}

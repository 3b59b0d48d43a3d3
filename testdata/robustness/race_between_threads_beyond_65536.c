// expect: data_race
// args: --timeout 300
// 69,997 short threads, each created after the one before was joined, then
// the 69,998th and 69,999th thread of the run write one variable with
// nothing ordering them. Slots of joined threads are reused, so these two
// are checked like the first ones.
#include <pthread.h>

static long joined;
int shared;

static void *nothing(void *arg) { return arg; }

static void *writeShared(void *arg) {
  shared += (int)(long)arg;
  return arg;
}

int main(void) {
  for (long i = 1; i <= 69997; ++i) {
    pthread_t thread;
    if (pthread_create(&thread, NULL, nothing, NULL) != 0)
      return 1;
    pthread_join(thread, NULL);
    ++joined;
  }
  pthread_t a, b;
  pthread_create(&a, NULL, writeShared, (void *)1);
  pthread_create(&b, NULL, writeShared, (void *)2);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return joined != 69997;
}

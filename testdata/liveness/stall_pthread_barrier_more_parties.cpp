// expect: stall
// hangs: yes
// A pthread_barrier_t is initialized for 4 parties but only 3 threads ever call
// pthread_barrier_wait (main does not take part). The three block in the barrier forever and
// main blocks joining them.
#include <pthread.h>
#include <cstdio>

static pthread_barrier_t barrier;

static void *worker(void *) {
  pthread_barrier_wait(&barrier);
  std::puts("passed the barrier");
  return nullptr;
}

int main() {
  pthread_barrier_init(&barrier, nullptr, 4);
  pthread_t th[3];
  for (auto &t : th) pthread_create(&t, nullptr, worker, nullptr);
  for (auto &t : th) pthread_join(t, nullptr);
  pthread_barrier_destroy(&barrier);
  return 0;
}

// expect: deadlock
// hangs: yes
// Join cycle among three workers: T0 joins T1, T1 joins T2, T2 joins T0 (glibc only detects a
// direct two-thread cycle). Main publishes the handles, passes a start barrier with them and
// calls pthread_exit, so the process lives on with all three threads blocked in pthread_join.
#include <pthread.h>
#include <cstdio>

static pthread_t workers[3];
static pthread_barrier_t handles_ready;

static void *worker(void *arg) {
  long i = reinterpret_cast<long>(arg);
  pthread_barrier_wait(&handles_ready);
  pthread_join(workers[(i + 1) % 3], nullptr);  // waits for the next worker, cyclically
  std::printf("worker %ld done\n", i);
  return nullptr;
}

int main() {
  pthread_barrier_init(&handles_ready, nullptr, 4);
  for (long i = 0; i < 3; ++i) pthread_create(&workers[i], nullptr, worker, reinterpret_cast<void *>(i));
  pthread_barrier_wait(&handles_ready);
  pthread_exit(nullptr);  // main leaves; the process waits for the deadlocked workers
}

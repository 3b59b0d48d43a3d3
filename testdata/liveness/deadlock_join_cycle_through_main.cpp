// expect: deadlock
// hangs: yes
// Join cycle through the main thread: main joins T1, T1 joins T2, T2 joins main. Nobody can
// finish first, so all three block in pthread_join forever (glibc only returns EDEADLK for a
// direct two-thread cycle, not for this three-thread one). No mutex is involved.
#include <pthread.h>
#include <cstdio>

static pthread_t main_thread;

static void *t2_body(void *) {
  pthread_join(main_thread, nullptr);  // waits for main, which waits for T1
  return nullptr;
}

static void *t1_body(void *arg) {
  pthread_t t2 = *static_cast<pthread_t *>(arg);
  pthread_join(t2, nullptr);  // waits for T2
  return nullptr;
}

int main() {
  main_thread = pthread_self();
  static pthread_t t1, t2;
  pthread_create(&t2, nullptr, t2_body, nullptr);
  pthread_create(&t1, nullptr, t1_body, &t2);
  pthread_join(t1, nullptr);  // waits for T1
  std::puts("unreachable");
  return 0;
}

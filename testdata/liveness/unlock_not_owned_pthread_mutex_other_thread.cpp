// expect: unlock_not_owned
// Port of the seeds' plain-Lock variant: main locks a default-type pthread mutex and a child
// thread unlocks it. glibc's default mutex does not check ownership, so the unlock "works" and
// the program finishes (main later relocks and unlocks it normally), but the unlocking thread
// never owned the mutex.
#include <pthread.h>
#include <cstdio>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *perform_unlock(void *) {
  std::puts("child task executing");
  pthread_mutex_unlock(&lock);  // owned by main, not by this thread
  return nullptr;
}

int main() {
  pthread_mutex_lock(&lock);
  pthread_t child;
  pthread_create(&child, nullptr, perform_unlock, nullptr);
  pthread_join(child, nullptr);
  pthread_mutex_lock(&lock);  // the child's unlock released it, so this succeeds
  pthread_mutex_unlock(&lock);
  return 0;
}

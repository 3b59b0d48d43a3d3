// Compiled and linked by racegate; calls into the uninstrumented objects.
// Usage: instrumented_main racy|locked|hidden|plain
#include <cstdio>
#include <cstring>
#include <pthread.h>

extern "C" {
int library_start_thread(pthread_t *thread, void *(*body)(void *), void *arg);
int library_join_thread(pthread_t thread);
void library_locked_call(void (*callback)(void));
void library_bump_hidden(void);
long library_hidden(void);
void plain_store(long *where, long value);
}

long shared_counter;
long plain_target;

void increment() { shared_counter++; } // MIXED-RACE

void *racy(void *) {
  for (int i = 0; i < 1000; ++i)
    increment();
  return nullptr;
}

void *locked(void *) {
  for (int i = 0; i < 1000; ++i)
    library_locked_call(increment);
  return nullptr;
}

void *hidden(void *) {
  for (int i = 0; i < 1000; ++i)
    library_bump_hidden();
  return nullptr;
}

void *plain(void *) {
  for (long i = 0; i < 1000; ++i)
    plain_store(&plain_target, i);
  return nullptr;
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  void *(*body)(void *) = !std::strcmp(argv[1], "racy")     ? racy
                          : !std::strcmp(argv[1], "locked") ? locked
                          : !std::strcmp(argv[1], "hidden") ? hidden
                                                            : plain;
  pthread_t threads[2];
  for (pthread_t &thread : threads)
    library_start_thread(&thread, body, nullptr);
  for (pthread_t thread : threads)
    library_join_thread(thread);
  std::printf("%ld %ld %ld\n", shared_counter, library_hidden(), plain_target);
  return 0;
}

// expect: sync_reinit
// A thread initializes a mutex again while it holds it, then locks the new
// one. The re-initialization is misuse (the critical section it was in is
// no longer protected), but the lock that follows takes a fresh, unlocked
// mutex: it must not be mistaken for a thread waiting for itself.
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t lock;
int counter;

int main(void) {
  pthread_mutex_init(&lock, NULL);
  pthread_mutex_lock(&lock);
  counter++;
  pthread_mutex_init(&lock, NULL); // still held
  pthread_mutex_lock(&lock);       // a new mutex: no self-deadlock
  counter++;
  pthread_mutex_unlock(&lock);
  printf("%d\n", counter);
  return 0;
}

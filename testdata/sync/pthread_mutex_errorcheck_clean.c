// expect: none
// Port of the seeds' Lock example with a PTHREAD_MUTEX_ERRORCHECK mutex: thread1
// sets shared_state[0] = 777 under the lock, thread2 prints it under the lock.
// Every lock/unlock is by the owner and checked; all accesses are under the mutex.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

int shared_state[3] = {1, 2, 3};
pthread_mutex_t my_lock;

static void *thread1_operations(void *arg) {
  (void)arg;
  if (pthread_mutex_lock(&my_lock) != 0) return NULL;
  shared_state[0] = 777;
  if (pthread_mutex_unlock(&my_lock) != 0) printf("unexpected unlock error\n");
  return NULL;
}

static void *thread2_operations(void *arg) {
  (void)arg;
  pthread_mutex_lock(&my_lock);
  printf("shared_state[0] = %d\n", shared_state[0]);
  pthread_mutex_unlock(&my_lock);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&my_lock, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, thread1_operations, NULL);
  pthread_create(&t2, NULL, thread2_operations, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_destroy(&my_lock);
  return 0;
}

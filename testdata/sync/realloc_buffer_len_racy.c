// expect: data_race
// The writer grows the buffer with realloc() and updates `buf_len` under
// buf_mutex, but the monitor thread polls buf_len without taking the mutex
// (it never touches the buffer itself). The monitor never synchronizes with
// the writer, so its reads of buf_len race with the writer's updates.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

int *buf = NULL;
int buf_len = 0, buf_cap = 0;
pthread_mutex_t buf_mutex = PTHREAD_MUTEX_INITIALIZER;

static void *writer(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_mutex_lock(&buf_mutex);
    if (buf_len == buf_cap) {
      buf_cap = buf_cap ? buf_cap * 2 : 4;
      buf = realloc(buf, buf_cap * sizeof(int));
    }
    buf[buf_len] = i;
    buf_len++;  // racy write (monitor does not lock)
    pthread_mutex_unlock(&buf_mutex);
  }
  return NULL;
}

static void *monitor(void *arg) {
  long *max_seen = arg;
  for (int i = 0; i < 100; ++i) {
    int len = buf_len;  // BUG: racy read without buf_mutex
    if (len > *max_seen) *max_seen = len;
    sched_yield();
  }
  return NULL;
}

int main(void) {
  long max_seen = 0;
  pthread_t w, m;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&m, NULL, monitor, &max_seen);
  pthread_join(w, NULL);
  pthread_join(m, NULL);
  printf("len = %d, max seen = %ld\n", buf_len, max_seen);
  free(buf);
  return 0;
}

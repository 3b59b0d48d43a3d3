// expect: none
// The writer grows a shared buffer with realloc() and appends to it, all under
// buf_mutex; the reader takes the same mutex to read `buf_len` and the last
// element. The pointer, length and contents are only accessed under the mutex.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
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
      buf = realloc(buf, buf_cap * sizeof(int));  // block may move
    }
    buf[buf_len++] = i;
    pthread_mutex_unlock(&buf_mutex);
  }
  return NULL;
}

static void *reader(void *arg) {
  long *sum = arg;
  for (int i = 0; i < 100; ++i) {
    pthread_mutex_lock(&buf_mutex);
    if (buf_len > 0) *sum += buf[buf_len - 1];
    pthread_mutex_unlock(&buf_mutex);
  }
  return NULL;
}

int main(void) {
  long sum = 0;
  pthread_t w, r;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&r, NULL, reader, &sum);
  pthread_join(w, NULL);
  pthread_join(r, NULL);
  printf("len = %d, last = %d\n", buf_len, buf[buf_len - 1]);
  free(buf);
  return 0;
}

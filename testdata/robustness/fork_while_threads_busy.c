// expect: none
// args: --timeout 90
// Four threads keep creating threads, allocating and locking while main
// forks 300 times; half the children exec a program, half use the runtime
// (threads, locks, memory) and exit. No child may hang on a lock another
// thread held at the fork, and no child races with what the parent's other
// threads wrote before it.
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static atomic_int stop;
static long counters[4];
static long unguarded[4];

static void *nothing(void *arg) { return arg; }

static void *busy(void *arg) {
  long index = (long)arg;
  while (!atomic_load(&stop)) {
    pthread_t child;
    pthread_create(&child, NULL, nothing, NULL);
    void *block = malloc(64 + index * 32);
    pthread_mutex_lock(&mutex);
    ++counters[index];
    pthread_mutex_unlock(&mutex);
    // Written by this thread alone; a forked child reads it below.
    ++unguarded[index];
    free(block);
    pthread_join(child, NULL);
  }
  return NULL;
}

// The program's own lock is held across fork() the usual way.
static void lockMutex(void) { pthread_mutex_lock(&mutex); }
static void unlockMutex(void) { pthread_mutex_unlock(&mutex); }

static void *childWork(void *arg) {
  pthread_mutex_lock(&mutex);
  ++counters[0];
  pthread_mutex_unlock(&mutex);
  return arg;
}

static int inChild(int round) {
  if (round % 2 == 0) {
    execl("/bin/true", "true", (char *)NULL);
    return 127;
  }
  long seen = 0;
  for (int i = 0; i < 4; ++i)
    seen += unguarded[i];
  pthread_t thread;
  pthread_create(&thread, NULL, childWork, NULL);
  pthread_join(thread, NULL);
  free(malloc(128));
  return seen < 0;
}

int main(void) {
  pthread_atfork(lockMutex, unlockMutex, unlockMutex);
  pthread_t threads[4];
  for (long i = 0; i < 4; ++i)
    pthread_create(&threads[i], NULL, busy, (void *)i);
  int failures = 0;
  for (int round = 0; round < 300; ++round) {
    pid_t pid = fork();
    if (pid == 0)
      _exit(inChild(round));
    int status = 0;
    waitpid(pid, &status, 0);
    failures += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  atomic_store(&stop, 1);
  for (int i = 0; i < 4; ++i)
    pthread_join(threads[i], NULL);
  return failures != 0;
}

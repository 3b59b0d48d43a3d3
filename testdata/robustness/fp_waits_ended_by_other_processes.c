// expect: none
// args: --timeout 60
// Untimed waits that only another process or a signal handler ends, each
// longer than the watchdog's patience: a process-shared semaphore, mutex
// and condition variable used with a child process, a semaphore posted
// from a SIGCHLD handler, and a shared futex. None of them is a stall.
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct Shared {
  sem_t semaphore;
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  int ready;
  atomic_int word;
};

static struct Shared *shared;
static sem_t childEnded;

static void pause1500ms(void) { usleep(1500 * 1000); }

static void onChild(int signal) {
  (void)signal;
  sem_post(&childEnded);
}

static void waitChild(pid_t pid) { waitpid(pid, NULL, 0); }

int main(void) {
  shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE,
                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sem_init(&shared->semaphore, 1, 0);
  pthread_mutexattr_t mutexShared;
  pthread_mutexattr_init(&mutexShared);
  pthread_mutexattr_setpshared(&mutexShared, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&shared->mutex, &mutexShared);
  pthread_condattr_t condShared;
  pthread_condattr_init(&condShared);
  pthread_condattr_setpshared(&condShared, PTHREAD_PROCESS_SHARED);
  pthread_cond_init(&shared->cond, &condShared);

  // A process-shared semaphore, posted by the child.
  pid_t child = fork();
  if (child == 0) {
    pause1500ms();
    sem_post(&shared->semaphore);
    _exit(0);
  }
  sem_wait(&shared->semaphore);
  waitChild(child);

  // A process-shared mutex, held by the child for a while.
  child = fork();
  if (child == 0) {
    pthread_mutex_lock(&shared->mutex);
    sem_post(&shared->semaphore);
    pause1500ms();
    pthread_mutex_unlock(&shared->mutex);
    _exit(0);
  }
  sem_wait(&shared->semaphore);
  pthread_mutex_lock(&shared->mutex);
  pthread_mutex_unlock(&shared->mutex);
  waitChild(child);

  // A process-shared condition variable, signalled by the child.
  child = fork();
  if (child == 0) {
    pause1500ms();
    pthread_mutex_lock(&shared->mutex);
    shared->ready = 1;
    pthread_cond_signal(&shared->cond);
    pthread_mutex_unlock(&shared->mutex);
    _exit(0);
  }
  pthread_mutex_lock(&shared->mutex);
  while (!shared->ready)
    pthread_cond_wait(&shared->cond, &shared->mutex);
  pthread_mutex_unlock(&shared->mutex);
  waitChild(child);

  // A shared futex, woken by the child.
  child = fork();
  if (child == 0) {
    pause1500ms();
    atomic_store(&shared->word, 1);
    syscall(SYS_futex, &shared->word, FUTEX_WAKE, 1, NULL, NULL, 0);
    _exit(0);
  }
  while (atomic_load(&shared->word) == 0)
    syscall(SYS_futex, &shared->word, FUTEX_WAIT, 0, NULL, NULL, 0);
  waitChild(child);

  // A semaphore posted by the SIGCHLD handler when the child ends.
  sem_init(&childEnded, 0, 0);
  signal(SIGCHLD, onChild);
  child = fork();
  if (child == 0) {
    pause1500ms();
    _exit(0);
  }
  while (sem_wait(&childEnded) != 0)
    ;
  waitChild(child);
  return 0;
}

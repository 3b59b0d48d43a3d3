// expect: none
// Both threads wait on a semaphore with no deadline and nobody else runs,
// but an alarm is pending: after 1 s its SIGALRM handler posts the
// semaphore (sem_post is async-signal-safe) and everything finishes. A
// program with a pending timer has not stalled.
#include <csignal>
#include <semaphore.h>
#include <thread>
#include <unistd.h>

static sem_t ready;

int main() {
  sem_init(&ready, 0, 0);
  std::signal(SIGALRM, [](int) {
    sem_post(&ready);
    sem_post(&ready);
  });
  alarm(1);
  std::thread waiter([] { sem_wait(&ready); });
  sem_wait(&ready);
  waiter.join();
  return 0;
}

// expect: stall
// hangs: yes
// Port of the seeds' two-semaphore prime printer with a mistake: the finder waits on sem_print
// (for the previous prime to be printed) BEFORE posting sem_find, while the printer waits on
// sem_find first. Both semaphores start at 0, so each waits for the other's post forever; main
// then blocks joining them.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <semaphore.h>
#include <thread>

static sem_t sem_find;
static sem_t sem_print;
static int prime_holder = 0;
static std::atomic<bool> exit_prog{false};

static bool is_prime(int num) {
  if (num < 2) return false;
  for (int div = 2; div * div <= num; ++div)
    if (num % div == 0) return false;
  return true;
}

static void printer_thread() {
  while (!exit_prog) {
    sem_wait(&sem_find);  // wait for a prime number to become available
    std::printf("%d\n", prime_holder);
    prime_holder = 0;
    sem_post(&sem_print);  // let the finder find the next prime
  }
}

static void finder_thread() {
  int i = 1;
  while (!exit_prog) {
    while (!is_prime(i)) ++i;
    // MISTAKE: waits for "printed" before announcing "found"; the two posts below never happen.
    sem_wait(&sem_print);
    prime_holder = i;
    sem_post(&sem_find);
    ++i;
  }
}

int main() {
  sem_init(&sem_find, 0, 0);
  sem_init(&sem_print, 0, 0);
  std::thread printer(printer_thread);
  std::thread finder(finder_thread);
  std::this_thread::sleep_for(std::chrono::seconds(1));  // let the threads run for a while
  exit_prog = true;
  printer.join();  // never returns: both threads are stuck in sem_wait
  finder.join();
  return 0;
}

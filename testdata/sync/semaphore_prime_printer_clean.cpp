// expect: none
// Port of the seeds' prime finder/printer with two semaphores: the finder puts
// each prime in `prime_holder` and releases sem_find, then waits on sem_print;
// the printer acquires sem_find, prints and clears prime_holder, releases
// sem_print. Strict alternation through the semaphores orders every access.
#include <cstdio>
#include <semaphore>
#include <thread>

int prime_holder = 0;
std::binary_semaphore sem_find(0), sem_print(0);
constexpr int kPrimes = 20;

bool is_prime(int n) {
  if (n < 2) return false;
  for (int d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return true;
}

void printer_thread() {
  for (int k = 0; k < kPrimes; ++k) {
    sem_find.acquire();  // wait for a prime to become available
    std::printf("%d ", prime_holder);
    prime_holder = 0;
    sem_print.release();  // let the finder look for the next one
  }
  std::printf("\n");
}

void finder_thread() {
  int i = 1;
  for (int k = 0; k < kPrimes; ++k) {
    while (!is_prime(i)) ++i;
    prime_holder = i;
    sem_find.release();
    sem_print.acquire();  // wait until it has been printed
    ++i;
  }
}

int main() {
  std::thread printer(printer_thread), finder(finder_thread);
  finder.join();
  printer.join();
  return 0;
}

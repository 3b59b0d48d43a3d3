// expect: data_race
// The seeds' semaphore prime finder/printer, keeping the seed's plain global
// `exit_prog` stop flag: main sets it after letting the threads run, the finder
// polls it. prime_holder is correctly handed over by the two semaphores, but
// nothing orders main's write of exit_prog with the finder's reads: data race.
#include <chrono>
#include <cstdio>
#include <semaphore>
#include <thread>

int prime_holder = 0;
bool exit_prog = false;  // BUG: plain bool shared between main and the finder
std::binary_semaphore sem_find(0), sem_print(0);

bool is_prime(int n) {
  for (int d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return n >= 2;
}

void printer_thread(long *count) {
  for (;;) {
    sem_find.acquire();
    if (prime_holder < 0) break;  // sentinel from the finder
    ++*count;
    prime_holder = 0;
    sem_print.release();
  }
}

void finder_thread() {
  int i = 1, found = 0;
  while (!exit_prog && found < 1000) {  // racy read of exit_prog
    while (!is_prime(i)) ++i;
    prime_holder = i++;
    ++found;
    sem_find.release();
    sem_print.acquire();
  }
  prime_holder = -1;  // tell the printer to stop
  sem_find.release();
}

int main() {
  long count = 0;
  std::thread printer(printer_thread, &count), finder(finder_thread);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));  // let the threads run
  exit_prog = true;  // racy write
  finder.join();
  printer.join();
  std::printf("printed %ld primes\n", count);
  return 0;
}

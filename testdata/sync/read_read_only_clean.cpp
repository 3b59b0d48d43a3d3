// expect: none
// A lookup table is filled before the threads start; four threads only read it.
// Reads never conflict with reads, and the initializing writes happen before
// thread creation: no race.
#include <cstdio>
#include <thread>
#include <vector>

int primes_table[10];

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) *sum += primes_table[i % 10];
}

int main() {
  const int primes[10] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
  for (int i = 0; i < 10; ++i) primes_table[i] = primes[i];
  long sums[4] = {0, 0, 0, 0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(reader, &sums[i]);
  for (auto &t : ts) t.join();
  std::printf("sum = %ld (expected 1290)\n", sums[0]);
  return 0;
}

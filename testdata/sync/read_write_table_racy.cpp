// expect: data_race
// Like read_read_only_clean, but one thread "refreshes" primes_table[0] while
// three readers are reading the table. A write and a read of the same element
// without happens-before: data race on primes_table.
#include <cstdio>
#include <thread>
#include <vector>

int primes_table[10] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) *sum += primes_table[i % 10];  // racy read of [0]
}

void refresher() {
  for (int i = 0; i < 100; ++i) primes_table[0] = 2;  // racy write (same value, still a write)
}

int main() {
  long sums[3] = {0, 0, 0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i) ts.emplace_back(reader, &sums[i]);
  ts.emplace_back(refresher);
  for (auto &t : ts) t.join();
  std::printf("sum = %ld\n", sums[0]);
  return 0;
}

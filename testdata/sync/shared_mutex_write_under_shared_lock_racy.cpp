// expect: data_race
// Two "readers" hold only a std::shared_lock but also increment `read_count`.
// Shared (reader) locks do not exclude or synchronize with each other, so the
// two increments of read_count are unordered: a write under a shared lock races.
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <thread>

int table_value = 5;
int read_count = 0;
std::shared_mutex table_mutex;

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) {
    std::shared_lock<std::shared_mutex> lk(table_mutex);
    *sum += table_value;
    ++read_count;  // BUG: write while holding only the shared lock
  }
}

int main() {
  long s1 = 0, s2 = 0;
  std::thread a(reader, &s1), b(reader, &s2);
  a.join();
  b.join();
  std::printf("sums %ld %ld, read_count = %d\n", s1, s2, read_count);
  return 0;
}

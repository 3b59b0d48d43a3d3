// expect: none
// Two threads take shared (read) locks of two std::shared_mutex in opposite orders (S1 then S2,
// S2 then S1), concurrently and many times. There are no writers at all, and read locks never
// block each other, so the read-only cycle cannot deadlock. No finding.
#include <shared_mutex>
#include <thread>

static std::shared_mutex S1, S2;
static const int table1[4] = {1, 2, 3, 4};
static const int table2[4] = {5, 6, 7, 8};

int main() {
  long sum1 = 0, sum2 = 0;
  std::thread t1([&] {
    for (int i = 0; i < 20000; ++i) {
      std::shared_lock<std::shared_mutex> r1(S1);
      std::shared_lock<std::shared_mutex> r2(S2);
      sum1 += table1[i % 4] + table2[i % 4];
    }
  });
  std::thread t2([&] {
    for (int i = 0; i < 20000; ++i) {
      std::shared_lock<std::shared_mutex> r2(S2);
      std::shared_lock<std::shared_mutex> r1(S1);
      sum2 += table1[i % 4] + table2[i % 4];
    }
  });
  t1.join();
  t2.join();
  return sum1 == sum2 ? 0 : 1;
}

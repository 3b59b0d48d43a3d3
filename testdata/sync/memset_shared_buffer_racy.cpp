// expect: data_race
// One thread clears `shared_buf` with memset() while another thread reads it;
// no lock or other synchronization. The memset's byte writes race with the reads.
#include <cstdio>
#include <cstring>
#include <thread>

char shared_buf[128];

void clearer() {
  for (int round = 0; round < 100; ++round) std::memset(shared_buf, round & 1, sizeof shared_buf);  // racy write
}

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) *sum += shared_buf[(i * 7) % 128];  // racy read
}

int main() {
  long sum = 0;
  std::thread c(clearer), r(reader, &sum);
  c.join();
  r.join();
  std::printf("sum = %ld\n", sum);
  return 0;
}

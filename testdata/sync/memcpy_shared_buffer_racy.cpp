// expect: data_race
// The writer memcpy()s new contents into `shared_buf` while the reader reads
// bytes of it, with no synchronization. memcpy is a plain write of every byte it
// copies, so it races with the concurrent reads.
#include <cstdio>
#include <cstring>
#include <thread>

char shared_buf[64];

void writer() {
  char local[64];
  for (int round = 0; round < 100; ++round) {
    std::memset(local, 'a' + round % 26, sizeof local);
    std::memcpy(shared_buf, local, sizeof shared_buf);  // racy write
  }
}

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) *sum += shared_buf[i % 64];  // racy read
}

int main() {
  long sum = 0;
  std::thread w(writer), r(reader, &sum);
  w.join();
  r.join();
  std::printf("sum = %ld\n", sum);
  return 0;
}

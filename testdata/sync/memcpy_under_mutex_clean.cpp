// expect: none
// The writer memcpy()s new contents into `shared_buf` and the reader memcpy()s
// them out, both while holding buf_mutex, so all bulk accesses are ordered.
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

char shared_buf[64];
std::mutex buf_mutex;

void writer() {
  char local[64];
  for (int round = 0; round < 100; ++round) {
    std::memset(local, 'a' + round % 26, sizeof local);
    std::lock_guard<std::mutex> g(buf_mutex);
    std::memcpy(shared_buf, local, sizeof shared_buf);
  }
}

void reader(long *sum) {
  char local[64];
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard<std::mutex> g(buf_mutex);
      std::memcpy(local, shared_buf, sizeof local);
    }
    *sum += local[i % 64];
  }
}

int main() {
  long sum = 0;
  std::thread w(writer), r(reader, &sum);
  w.join();
  r.join();
  std::printf("sum = %ld\n", sum);
  return 0;
}

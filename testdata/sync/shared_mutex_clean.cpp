// expect: none
// Reader-writer lock: three readers read `config_version` under
// std::shared_lock<std::shared_mutex>, one writer bumps it under std::unique_lock.
// Readers only read (read/read is never a race) and writer excludes all readers.
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

int config_version = 0;
std::shared_mutex config_mutex;

void reader(long *sum) {
  for (int i = 0; i < 100; ++i) {
    std::shared_lock<std::shared_mutex> lk(config_mutex);
    *sum += config_version;
  }
}

void writer() {
  for (int i = 0; i < 100; ++i) {
    std::unique_lock<std::shared_mutex> lk(config_mutex);
    ++config_version;
  }
}

int main() {
  long sums[3] = {0, 0, 0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i) ts.emplace_back(reader, &sums[i]);
  ts.emplace_back(writer);
  for (auto &t : ts) t.join();
  std::printf("version = %d, sums = %ld %ld %ld\n", config_version, sums[0], sums[1], sums[2]);
  return 0;
}

// expect: none
// Four threads call std::call_once(config_flag, load_config) and then read
// `config`. The completion of the active call_once call synchronizes with every
// later (passive) call on the same flag, so all reads are ordered after the init.
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

int config[8];
int init_count = 0;
std::once_flag config_flag;

void load_config() {
  ++init_count;
  for (int i = 0; i < 8; ++i) config[i] = i * 10;
}

void worker(long *sum) {
  std::call_once(config_flag, load_config);
  for (int v : config) *sum += v;
}

int main() {
  long sums[4] = {0, 0, 0, 0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker, &sums[i]);
  for (auto &t : ts) t.join();
  std::printf("init_count = %d, sum = %ld (expected 280)\n", init_count, sums[0]);
  return 0;
}

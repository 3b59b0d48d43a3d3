// expect: none
// Four threads each fill their own disjoint quarter of one heap array allocated
// with new[]; main sums it after join and deletes it. Distinct elements are
// distinct memory locations, so there is no conflict.
#include <cstdio>
#include <thread>
#include <vector>

int *block = nullptr;

void worker(int id) {
  for (int i = id * 25; i < (id + 1) * 25; ++i) block[i] = i;
}

int main() {
  block = new int[100];
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker, i);
  for (auto &t : ts) t.join();
  long sum = 0;
  for (int i = 0; i < 100; ++i) sum += block[i];
  delete[] block;
  std::printf("sum = %ld (expected 4950)\n", sum);
  return 0;
}

// expect: none
// std::async(std::launch::async) sums a vector on another thread and also records
// `task_log`. main reads task_log only after future.get(): completion of the
// async task synchronizes with the successful return of get(). No race.
#include <cstdio>
#include <future>
#include <numeric>
#include <vector>

int task_log = 0;

long sum_range(const std::vector<int> *v) {
  task_log = static_cast<int>(v->size());
  return std::accumulate(v->begin(), v->end(), 0L);
}

int main() {
  std::vector<int> data(100);
  std::iota(data.begin(), data.end(), 1);
  std::future<long> fut = std::async(std::launch::async, sum_range, &data);
  long sum = fut.get();
  std::printf("sum = %ld, task_log = %d\n", sum, task_log);
  return 0;
}

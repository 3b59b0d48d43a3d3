// expect: none
// Four workers each store their partial result in results[i] and then
// count_down() a std::latch; main waits on the latch and sums the results.
// count_down strongly happens before the wait returns: no race.
#include <cstdio>
#include <latch>
#include <thread>
#include <vector>

long results[4];
std::latch all_done(4);

void worker(int id) {
  long s = 0;
  for (int i = 0; i < 100; ++i) s += i * (id + 1);
  results[id] = s;
  all_done.count_down();
}

int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(worker, i);
  all_done.wait();
  long total = 0;
  for (long r : results) total += r;
  std::printf("total = %ld (expected 49500)\n", total);
  for (auto &t : ts) t.join();
  return 0;
}

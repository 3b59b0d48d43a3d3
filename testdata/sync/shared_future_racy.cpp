// expect: data_race
// Three waiters block on copies of one std::shared_future and, once released,
// each increments the plain counter `waiters_released`. get() only synchronizes
// each waiter with set_value, not waiters with each other: data race.
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

int waiters_released = 0;

void waiter(std::shared_future<int> go) {
  int v = go.get();
  waiters_released += v;  // racy read-modify-write
}

int main() {
  std::promise<int> p;
  std::shared_future<int> go = p.get_future().share();
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i) ts.emplace_back(waiter, go);
  p.set_value(1);
  for (auto &t : ts) t.join();
  std::printf("waiters_released = %d\n", waiters_released);
  return 0;
}

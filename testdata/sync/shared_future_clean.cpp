// expect: none
// One promise, three waiters holding copies of a std::shared_future. main
// writes `settings` before set_value(); each waiter reads settings after get().
// set_value synchronizes with every get(); the waiters only read: no race.
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

int settings[3];

void waiter(std::shared_future<void> go, int id, int *out) {
  go.get();
  *out = settings[id] + settings[(id + 1) % 3];
}

int main() {
  std::promise<void> p;
  std::shared_future<void> go = p.get_future().share();
  int outs[3] = {0, 0, 0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i) ts.emplace_back(waiter, go, i, &outs[i]);
  for (int i = 0; i < 3; ++i) settings[i] = (i + 1) * 100;
  p.set_value();
  for (auto &t : ts) t.join();
  std::printf("outs %d %d %d\n", outs[0], outs[1], outs[2]);
  return 0;
}

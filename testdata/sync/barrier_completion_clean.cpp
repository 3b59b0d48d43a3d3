// expect: none
// Port of the seeds' Barrier with an action: 4 threads write partial[i], then
// arrive_and_wait on a std::barrier whose completion function (run by one thread,
// "all threads released") sums the partials into `phase_total`. Arrivals happen
// before the completion, which happens before every thread is released.
#include <barrier>
#include <cstdio>
#include <thread>
#include <vector>

long partial[4];
long phase_total = 0;
int phases_completed = 0;

void on_completion() noexcept {
  long s = 0;
  for (long p : partial) s += p;
  phase_total = s;
  ++phases_completed;
  std::printf("All threads released, phase total %ld\n", s);
}

std::barrier sync_point(4, on_completion);

void thread_task(int id, long *seen) {
  for (int phase = 1; phase <= 3; ++phase) {
    partial[id] = phase * (id + 1);
    sync_point.arrive_and_wait();  // completion runs before anyone passes
    *seen += phase_total;          // read after the completion: ordered
    sync_point.arrive_and_wait();  // nobody overwrites partial/phase_total early
  }
}

int main() {
  long seen[4] = {0, 0, 0, 0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(thread_task, i, &seen[i]);
  for (auto &t : ts) t.join();
  std::printf("phases = %d, seen[0] = %ld (expected 60)\n", phases_completed, seen[0]);
  return 0;
}

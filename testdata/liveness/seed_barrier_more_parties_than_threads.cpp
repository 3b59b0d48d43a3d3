// expect: stall
// hangs: yes
// Port of the seeds' "Broken Barriers" example without the abort(): the barrier is created for
// num_threads + 1 parties but only num_threads threads ever arrive. All five block in
// arrive_and_wait() forever and main blocks joining them; C++ has no barrier abort to rescue them.
#include <barrier>
#include <cstdio>
#include <thread>
#include <vector>

static constexpr int num_threads = 5;
static std::barrier<> barrier(num_threads + 1);

static void thread_task(int i) {
  std::printf("thread %d about to wait on the barrier\n", i);
  barrier.arrive_and_wait();
  std::puts("barrier passed");
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < num_threads; ++i) threads.emplace_back(thread_task, i);
  for (auto &t : threads) t.join();
  return 0;
}

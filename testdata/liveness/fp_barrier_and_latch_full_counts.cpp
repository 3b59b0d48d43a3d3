// expect: none
// The barrier and latch examples with correct counts: 4 threads pass a std::barrier<> of 4
// parties for 3 phases, then each counts down a std::latch of 4 that main waits on, and a
// pthread_barrier_t of 2 parties is passed by main and one helper. Everything completes.
#include <pthread.h>
#include <barrier>
#include <latch>
#include <thread>
#include <vector>

static std::barrier<> phase(4);
static std::latch finished(4);
static pthread_barrier_t pb;

int main() {
  pthread_barrier_init(&pb, nullptr, 2);
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([] {
      for (int p = 0; p < 3; ++p) phase.arrive_and_wait();
      finished.count_down();
    });
  std::thread helper([] { pthread_barrier_wait(&pb); });
  pthread_barrier_wait(&pb);
  finished.wait();
  for (auto &t : ts) t.join();
  helper.join();
  pthread_barrier_destroy(&pb);
  return 0;
}

// expect: data_race
// Both threads take m1 and m2 with std::lock + adopting lock_guards, but the
// guards live in a block that closes too early, so `stats_total` is updated
// after both mutexes are released. Each thread's last update follows its last
// unlock, so the updates of stats_total are unordered: data race.
#include <cstdio>
#include <mutex>
#include <thread>

int guarded_count = 0;
int stats_total = 0;
std::mutex m1, m2;

void worker() {
  for (int i = 0; i < 100; ++i) {
    {
      std::lock(m1, m2);
      std::lock_guard<std::mutex> g1(m1, std::adopt_lock);
      std::lock_guard<std::mutex> g2(m2, std::adopt_lock);
      ++guarded_count;
    }  // BUG: locks released here
    stats_total += 1;  // racy
  }
}

int main() {
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  std::printf("guarded = %d, stats_total = %d\n", guarded_count, stats_total);
  return 0;
}

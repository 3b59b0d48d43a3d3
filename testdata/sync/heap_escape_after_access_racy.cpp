// expect: data_race
// race-lines: 16 17
// A heap object is written while only main has a pointer to it, then handed
// to a thread. Main's later write and the thread's update are unordered:
// accesses made after the pointer escapes must still be checked.
#include <cstdio>
#include <thread>

struct Tally {
  long hits = 0;
};

int main() {
  auto *tally = new Tally;
  tally->hits = 1;
  std::thread helper([tally] { tally->hits += 10; });
  tally->hits = 2;
  helper.join();
  std::printf("hits = %ld\n", tally->hits);
  delete tally;
  return 0;
}

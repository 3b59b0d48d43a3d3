// expect: data_race
// Two threads write different bitfields, `status.ready` and `status.error`, of
// the same struct. Adjacent bitfields form a single memory location (updated by
// read-modify-write of the shared storage unit), so the two writes race.
#include <cstdio>
#include <thread>

struct Status {
  unsigned ready : 1;
  unsigned error : 1;
  unsigned count : 6;
};

Status status{};

void set_ready() {
  for (int i = 0; i < 100; ++i) status.ready = i & 1;  // racy: same memory location
}

void set_error() {
  for (int i = 0; i < 100; ++i) status.error = (i >> 1) & 1;  // racy
}

int main() {
  std::thread a(set_ready), b(set_error);
  a.join();
  b.join();
  std::printf("ready = %u, error = %u\n", status.ready, status.error);
  return 0;
}

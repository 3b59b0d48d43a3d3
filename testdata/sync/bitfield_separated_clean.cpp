// expect: none
// Two bitfields separated by a zero-width bitfield (`unsigned : 0;`) are
// distinct memory locations per the C++ memory model, so thread a writing
// `regs.low` and thread b writing `regs.high` do not conflict.
#include <cstdio>
#include <thread>

struct Regs {
  unsigned low : 4;
  unsigned : 0;  // forces `high` into a new storage unit / memory location
  unsigned high : 4;
};

Regs regs{};

void set_low() {
  for (int i = 0; i < 100; ++i) regs.low = i & 0xf;
}

void set_high() {
  for (int i = 0; i < 100; ++i) regs.high = (i * 3) & 0xf;
}

int main() {
  std::thread a(set_low), b(set_high);
  a.join();
  b.join();
  std::printf("low = %u, high = %u\n", regs.low, regs.high);
  return 0;
}

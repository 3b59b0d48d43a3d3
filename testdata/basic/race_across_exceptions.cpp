// expect: data_race
// frames-exclude: fail(
// Exceptions unwind through instrumented frames many times before the race;
// the shadow call stack must pop every unwound frame, so the race's stacks
// are exactly the frames live at each access.
#include <cstdio>
#include <stdexcept>
#include <thread>

long total = 0;

__attribute__((noinline)) void fail(int depth) {
  if (depth == 0)
    throw std::runtime_error("deep");
  fail(depth - 1);
}

__attribute__((noinline)) void add() {
  total += 1; // races with the same line in the other thread
}

void work() {
  for (int i = 0; i < 50; ++i) {
    try {
      fail(10);
    } catch (const std::exception &) {
    }
  }
  add();
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  std::printf("total = %ld\n", total);
}

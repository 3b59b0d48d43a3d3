// expect: data_race
// race-lines: 12 18
// One thread reads `level` and then writes it (a read followed by a write of
// the same variable, which the analyzer records as the write alone); another
// thread only reads it. The reader's read and the updater's write race.
#include <cstdio>
#include <thread>

long level = 1;

__attribute__((noinline)) void update() {
  level = level * 3 % 1000003;
}

__attribute__((noinline)) long observe() {
  long seen = 0;
  for (int i = 0; i < 1000; ++i)
    seen += *static_cast<volatile long *>(&level);
  return seen;
}

int main() {
  long seen = 0;
  std::thread reader([&] { seen = observe(); });
  std::thread writer([] {
    for (int i = 0; i < 1000; ++i)
      update();
  });
  reader.join();
  writer.join();
  std::printf("level = %ld, seen = %ld\n", level, seen);
  return 0;
}

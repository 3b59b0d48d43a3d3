// expect: data_race
// The initialization of the function-local static `calls` is thread-safe, but
// every later `++calls` in next_id() is a plain read-modify-write. Two threads
// calling next_id() concurrently race on the static variable.
#include <cstdio>
#include <thread>

int initial_id() { return std::printf("init\n") > 0 ? 1000 : 0; }

int next_id() {
  static int calls = initial_id();  // initialization is safe...
  return ++calls;                   // ...but this increment races
}

void worker(long *sum) {
  for (int i = 0; i < 100; ++i) *sum += next_id();
}

int main() {
  long a_sum = 0, b_sum = 0;
  std::thread a(worker, &a_sum), b(worker, &b_sum);
  a.join();
  b.join();
  std::printf("sum = %ld\n", a_sum + b_sum);
  return 0;
}

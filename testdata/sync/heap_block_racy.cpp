// expect: data_race
// A heap block allocated with new[] before the threads start is shared by two
// threads that both update `block[3]` (the "shared slot") without any lock.
// The allocation happens before both threads, but their writes are unordered.
#include <cstdio>
#include <thread>

int *block = nullptr;

void worker(int v) {
  for (int i = 0; i < 100; ++i) block[3] += v;  // racy read-modify-write on the heap
}

int main() {
  block = new int[16]();
  std::thread a(worker, 1), b(worker, 2);
  a.join();
  b.join();
  std::printf("block[3] = %d\n", block[3]);
  delete[] block;
  return 0;
}

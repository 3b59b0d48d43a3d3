// expect: none
// main passes a local (stack) variable `status` to a thread by reference; the
// thread writes it and main reads it only after join(), which orders the
// thread's write before the read.
#include <cstdio>
#include <functional>
#include <thread>

void worker(int &status) {
  for (int i = 0; i < 100; ++i) status += i;
}

int main() {
  int status = 0;  // lives on main's stack
  std::thread t(worker, std::ref(status));
  t.join();
  std::printf("status = %d (expected 4950)\n", status);
  return 0;
}

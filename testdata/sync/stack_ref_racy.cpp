// expect: data_race
// main passes its stack variable `status` to a thread by reference and reads it
// before join(). The thread's writes and main's read are unordered: data race on
// the stack variable.
#include <cstdio>
#include <functional>
#include <thread>

void worker(int &status) {
  for (int i = 0; i < 100; ++i) status += i;  // racy write
}

int main() {
  int status = 0;  // lives on main's stack
  std::thread t(worker, std::ref(status));
  std::printf("status so far = %d\n", status);  // BUG: racy read before join
  t.join();
  return 0;
}

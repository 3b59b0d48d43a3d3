// expect: data_race
// The worker writes its result, releases the std::binary_semaphore, and then
// updates `status` after the release. main acquires and reads status. The
// worker's status write follows its last release and main releases nothing
// back, so the write and main's read are unordered: data race on status.
#include <cstdio>
#include <semaphore>
#include <thread>

int result = 0;
int status = 0;
std::binary_semaphore done(0);

void worker() {
  result = 7;
  done.release();
  status = 2;  // BUG: written after signalling (racy write)
}

int main() {
  std::thread w(worker);
  done.acquire();
  std::printf("result = %d, status = %d\n", result, status);  // status read is racy
  w.join();
  return 0;
}

// expect: semaphore_overflow
// std::binary_semaphore is counting_semaphore<1>: release() with counter + update > max() (1)
// is undefined behaviour, the C++ analogue of a Python BoundedSemaphore's ValueError. A
// signaller releases twice before the consumer acquires, taking the count to 2. libstdc++ does
// not check, so the program does not crash and exits normally.
#include <cstdio>
#include <semaphore>
#include <thread>

static std::binary_semaphore signal_sem(0);

int main() {
  std::thread signaller([] {
    signal_sem.release();  // count 0 -> 1
    signal_sem.release();  // BUG: count 1 -> 2, above max() == 1
  });
  signaller.join();
  signal_sem.acquire();
  bool again = signal_sem.try_acquire();  // succeeds only because of the overflow
  std::printf("second try_acquire: %d\n", again);
  return 0;
}

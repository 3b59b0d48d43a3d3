// expect: none
// Port of the seeds' "missed signal" example: task2 writes `signal_data` and
// releases the semaphore before task1 even starts (task1 is started 2 ms later);
// the semaphore remembers the release, so task1's acquire still succeeds and
// synchronizes with it. The write happens before task1's read.
#include <chrono>
#include <cstdio>
#include <semaphore>
#include <thread>

int signal_data = 0;
std::counting_semaphore<1> sem(0);

void task1() {
  sem.acquire();
  std::printf("task1 got %d\n", signal_data);
}

void task2() {
  signal_data = 7;
  sem.release();  // signal sent before anyone waits
}

int main() {
  std::thread thread2(task2);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::thread thread1(task1);
  thread1.join();
  thread2.join();
  return 0;
}

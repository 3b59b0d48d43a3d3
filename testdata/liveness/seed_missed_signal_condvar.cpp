// expect: stall
// hangs: yes
// Port of the seeds' "Missed Signal": the signalling thread notifies the condition variable
// before the waiting thread has started; the waiter then calls wait() without a predicate, so
// the only notify is lost. Waiter blocks forever on the cv and main blocks forever joining it.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

static std::mutex m;
static std::condition_variable cv;

static void task2() {  // the signaller
  std::lock_guard<std::mutex> lk(m);
  cv.notify_one();  // nobody is waiting yet: the signal is lost
}

static void task1() {  // the waiter
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk);  // no predicate: waits for a notify that already happened
  std::puts("task1 woke up");
}

int main() {
  std::thread thread2(task2);  // start the signaller first
  thread2.join();
  std::thread thread1(task1);  // the waiter starts only afterwards
  thread1.join();
  return 0;
}

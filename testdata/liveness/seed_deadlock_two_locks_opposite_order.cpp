// expect: deadlock, lock_order_inversion
// hangs: yes
// Port of the seeds' "Deadlock Example": thread one takes lock1 then (after a 1 s nap) lock2,
// thread two takes lock2 then lock1. Both naps overlap, so each thread holds the lock the other
// needs: a real deadlock whose lock-order graph has the cycle lock1 -> lock2 -> lock1.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

static std::mutex lock1;
static std::mutex lock2;

static void thread_one() {
  std::lock_guard<std::mutex> a(lock1);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::lock_guard<std::mutex> b(lock2);  // blocks forever: thread two holds lock2
  std::puts("thread one got both locks");
}

static void thread_two() {
  std::lock_guard<std::mutex> b(lock2);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::lock_guard<std::mutex> a(lock1);  // blocks forever: thread one holds lock1
  std::puts("thread two got both locks");
}

int main() {
  std::thread t1(thread_one);
  std::thread t2(thread_two);
  t1.join();
  t2.join();
  return 0;
}

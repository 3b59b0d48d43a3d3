// expect: data_race
// Same one-slot Pipeline, but the consumer "optimizes" by peeking at
// `has_message` without the lock before locking. The first message is always
// seen by such an unlocked read of the producer's locked write, with no
// happens-before between them: data race on has_message.
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex pipeline_lock;
int message = 0;
bool has_message = false;

void set_message(int v) {
  for (;;) {
    {
      std::lock_guard<std::mutex> g(pipeline_lock);
      if (!has_message) { message = v; has_message = true; return; }  // racy write
    }
    std::this_thread::yield();
  }
}

int get_message() {
  for (;;) {
    if (!has_message) {  // BUG: unlocked peek (racy read)
      std::this_thread::yield();
      continue;
    }
    std::lock_guard<std::mutex> g(pipeline_lock);
    if (has_message) { has_message = false; return message; }
  }
}

void producer() {
  for (int i = 1; i <= 100; ++i) set_message(i);
  set_message(-1);
}

void consumer(long *sum) {
  for (int m; (m = get_message()) != -1;) *sum += m;
}

int main() {
  long sum = 0;
  std::thread p(producer), c(consumer, &sum);
  p.join();
  c.join();
  std::printf("sum = %ld\n", sum);
  return 0;
}

// expect: none
// Bounded buffer (capacity 4) with std::mutex + two std::condition_variables.
// Producer and consumer wait in predicate loops (Mesa semantics, as in the
// seeds) and touch `buffer`/`count`/`head` only while holding the mutex.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

int buffer[4];
int count = 0, head = 0;
std::mutex buf_mutex;
std::condition_variable not_full, not_empty;

void producer() {
  for (int i = 1; i <= 100; ++i) {
    std::unique_lock<std::mutex> lk(buf_mutex);
    while (count == 4) not_full.wait(lk);
    buffer[(head + count) % 4] = i;
    ++count;
    not_empty.notify_one();
  }
}

void consumer(long *sum) {
  for (int i = 0; i < 100; ++i) {
    std::unique_lock<std::mutex> lk(buf_mutex);
    not_empty.wait(lk, [] { return count > 0; });
    *sum += buffer[head];
    head = (head + 1) % 4;
    --count;
    not_full.notify_one();
  }
}

int main() {
  long sum = 0;
  std::thread p(producer), c(consumer, &sum);
  p.join();
  c.join();
  std::printf("sum = %ld (expected 5050)\n", sum);
  return 0;
}

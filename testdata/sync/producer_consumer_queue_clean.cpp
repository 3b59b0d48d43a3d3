// expect: none
// Port of the seeds' producer-consumer with a Queue and an Event: a bounded,
// thread-safe queue (std::mutex + two condition_variables, capacity 10); the
// producer pushes until main sets the stop Event (atomic<bool>, release/acquire)
// or 200 messages, then a sentinel. All queue state is accessed under the mutex.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

class BlockingQueue {
  std::mutex m_;
  std::condition_variable not_empty_, not_full_;
  std::deque<int> items_;

 public:
  void put(int v) {
    std::unique_lock<std::mutex> lk(m_);
    not_full_.wait(lk, [this] { return items_.size() < 10; });
    items_.push_back(v);
    not_empty_.notify_one();
  }
  int get() {
    std::unique_lock<std::mutex> lk(m_);
    not_empty_.wait(lk, [this] { return !items_.empty(); });
    int v = items_.front();
    items_.pop_front();
    not_full_.notify_one();
    return v;
  }
};

BlockingQueue pipeline;
std::atomic<bool> stop_event{false};

void producer() {
  for (int i = 1; i <= 200 && !stop_event.load(std::memory_order_acquire); ++i) pipeline.put(i);
  pipeline.put(-1);  // SENTINEL
}

void consumer(long *count) {
  while (pipeline.get() != -1) ++*count;
}

int main() {
  long count = 0;
  std::thread p(producer), c(consumer, &count);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  stop_event.store(true, std::memory_order_release);  // event.set()
  p.join();
  c.join();
  std::printf("consumed %ld messages\n", count);
  return 0;
}

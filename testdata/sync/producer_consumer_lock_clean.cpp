// expect: none
// Port of the seeds' producer-consumer pipeline with a Lock: a one-message
// Pipeline whose `message` and `has_message` are only touched while holding
// pipeline_lock. The producer sends 100 messages and a sentinel (-1); both
// sides poll (lock, check, unlock, yield). All accesses are mutex-ordered.
#include <cstdio>
#include <mutex>
#include <thread>

struct Pipeline {
  std::mutex pipeline_lock;
  int message = 0;
  bool has_message = false;

  void set_message(int v) {
    for (;;) {
      {
        std::lock_guard<std::mutex> g(pipeline_lock);
        if (!has_message) { message = v; has_message = true; return; }
      }
      std::this_thread::yield();
    }
  }
  int get_message() {
    for (;;) {
      {
        std::lock_guard<std::mutex> g(pipeline_lock);
        if (has_message) { has_message = false; return message; }
      }
      std::this_thread::yield();
    }
  }
};

Pipeline pipeline;

void producer() {
  for (int i = 1; i <= 100; ++i) pipeline.set_message(i);
  pipeline.set_message(-1);  // SENTINEL
}

void consumer(long *sum) {
  for (int m; (m = pipeline.get_message()) != -1;) *sum += m;
}

int main() {
  long sum = 0;
  std::thread p(producer), c(consumer, &sum);
  p.join();
  c.join();
  std::printf("sum = %ld (expected 5050)\n", sum);
  return 0;
}

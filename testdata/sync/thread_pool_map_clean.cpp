// expect: none
// Port of the seeds' ThreadPoolExecutor.map: a 3-worker pool (task queue under
// a mutex + condition_variable) runs thread_function over 0..9; map() submits a
// packaged_task per item and collects results with future.get(). Results flow
// through futures and the queue through the mutex; the destructor joins.
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <future>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

class ThreadPool {
  std::mutex m_;
  std::condition_variable cv_;
  std::queue<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;

 public:
  explicit ThreadPool(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back([this] {
        for (;;) {
          std::function<void()> task;
          {
            std::unique_lock<std::mutex> lk(m_);
            cv_.wait(lk, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) return;  // stopping and drained
            task = std::move(tasks_.front());
            tasks_.pop();
          }
          task();
        }
      });
  }
  std::vector<int> map(int (*fn)(int), const std::vector<int> &items) {
    std::vector<std::future<int>> futs;
    for (int x : items) {
      auto task = std::make_shared<std::packaged_task<int()>>([fn, x] { return fn(x); });
      futs.push_back(task->get_future());
      {
        std::lock_guard<std::mutex> g(m_);
        tasks_.emplace([task] { (*task)(); });
      }
      cv_.notify_one();
    }
    std::vector<int> out;
    for (auto &f : futs) out.push_back(f.get());
    return out;
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> g(m_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto &w : workers_) w.join();
  }
};

int thread_function(int index) { return index * index; }

int main() {
  std::vector<int> items{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  ThreadPool executor(3);
  std::vector<int> results = executor.map(thread_function, items);
  long sum = 0;
  for (int r : results) sum += r;
  std::printf("sum of squares = %ld (expected 285)\n", sum);
  return 0;
}

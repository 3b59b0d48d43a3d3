// expect: none
// Port of the seeds' ThreadPoolExecutor.submit example with the fix: a 2-worker
// pool runs FakeDatabase::locked_update 10 times via submit(); each update does
// read / +1 / write of `value` under the database's mutex, and main reads value
// only after every future.get(). No race.
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
  std::future<void> submit(std::function<void()> fn) {
    auto task = std::make_shared<std::packaged_task<void()>>(std::move(fn));
    std::future<void> fut = task->get_future();
    {
      std::lock_guard<std::mutex> g(m_);
      tasks_.emplace([task] { (*task)(); });
    }
    cv_.notify_one();
    return fut;
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

struct FakeDatabase {
  int value = 0;
  std::mutex lock;
  void locked_update(int /*name*/) {
    std::lock_guard<std::mutex> g(lock);
    int local_copy = value;
    local_copy += 1;
    value = local_copy;
  }
};

int main() {
  FakeDatabase database;
  std::vector<std::future<void>> futs;
  {
    ThreadPool executor(2);
    for (int index = 0; index < 10; ++index)
      futs.push_back(executor.submit([&database, index] { database.locked_update(index); }));
    for (auto &f : futs) f.get();
  }
  std::printf("value = %d (expected 10)\n", database.value);
  return 0;
}

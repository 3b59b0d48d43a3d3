// expect: data_race
// Port of the seeds' ThreadPoolExecutor.submit race: two FakeDatabase::update
// tasks run on a 2-worker pool; update() copies `value`, sleeps 1 ms, writes the
// copy + 1, with no lock. A latch makes both tasks run concurrently (it orders
// only what precedes it), so the two updates of database.value race.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <latch>
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
  void update(int /*name*/) {
    int local_copy = value;  // racy read
    local_copy += 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    value = local_copy;  // racy write
  }
};

int main() {
  FakeDatabase database;
  std::latch both_running(2);
  std::vector<std::future<void>> futs;
  {
    ThreadPool executor(2);
    for (int index = 0; index < 2; ++index)
      futs.push_back(executor.submit([&database, &both_running, index] {
        both_running.arrive_and_wait();
        database.update(index);
      }));
    for (auto &f : futs) f.get();
  }
  std::printf("value = %d (expected 2, race may give 1)\n", database.value);
  return 0;
}

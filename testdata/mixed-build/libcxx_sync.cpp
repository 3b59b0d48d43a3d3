// Built with -stdlib=libc++: std::mutex, condition_variable, atomics and
// shared_ptr from LLVM's C++ library. Usage: libcxx_sync clean|racy
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

int main(int argc, char **argv) {
  bool racy = argc > 1 && !std::strcmp(argv[1], "racy");
  std::mutex lock;
  std::condition_variable ready;
  bool started = false;
  long guarded = 0, unguarded = 0;
  std::atomic<long> hits{0};
  std::atomic<int> arrived{0};
  auto shared = std::make_shared<long>(7);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, copy = shared] {
      {
        std::unique_lock<std::mutex> guard(lock);
        ready.wait(guard, [&] { return started; });
      }
      // Both threads get here before either goes on; relaxed atomics order
      // nothing, so the unguarded updates below are unordered.
      arrived.fetch_add(1, std::memory_order_relaxed);
      while (arrived.load(std::memory_order_relaxed) < 2)
        std::this_thread::yield();
      if (racy)
        for (int i = 0; i < 1000; ++i)
          unguarded += *copy; // LIBCXX-RACE
      for (int i = 0; i < 1000; ++i) {
        hits.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard<std::mutex> guard(lock);
        guarded += *copy;
      }
    });
  {
    std::lock_guard<std::mutex> guard(lock);
    started = true;
  }
  ready.notify_all();
  for (std::thread &thread : threads)
    thread.join();
  std::printf("%ld %ld %ld %ld\n", guarded, unguarded, hits.load(),
              shared.use_count());
  return 0;
}

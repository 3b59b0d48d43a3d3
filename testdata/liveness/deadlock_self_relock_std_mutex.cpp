// expect: deadlock
// hangs: yes
// Self-deadlock: Counter::add_twice() holds the (non-recursive) std::mutex and calls the public
// add(), which locks the same mutex again. glibc's default mutex blocks forever on a relock by
// its owner. One thread, one lock: no lock-order cycle between two locks.
#include <cstdio>
#include <mutex>

class Counter {
 public:
  void add(int n) {
    std::lock_guard<std::mutex> g(m_);
    value_ += n;
  }
  void add_twice(int n) {
    std::lock_guard<std::mutex> g(m_);
    add(n);  // relocks m_ while holding it
    add(n);
  }
  int value() const { return value_; }

 private:
  std::mutex m_;
  int value_ = 0;
};

int main() {
  Counter c;
  c.add(1);
  c.add_twice(2);
  std::printf("%d\n", c.value());
  return 0;
}

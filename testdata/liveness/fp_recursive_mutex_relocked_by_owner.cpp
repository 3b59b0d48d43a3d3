// expect: none
// A std::recursive_mutex is relocked by its owner (a recursive function locks it at every level,
// three levels deep) in two threads. Recursive relocking by the owner is allowed and each lock
// is matched by an unlock, so there is no deadlock, no ownership error and no leak.
#include <mutex>
#include <thread>

static std::recursive_mutex rm;
static long total = 0;

static void visit(int depth) {
  std::lock_guard<std::recursive_mutex> g(rm);
  ++total;
  if (depth > 0) visit(depth - 1);
}

int main() {
  std::thread t1([] { for (int i = 0; i < 1000; ++i) visit(2); });
  std::thread t2([] { for (int i = 0; i < 1000; ++i) visit(2); });
  t1.join();
  t2.join();
  return total == 6000 ? 0 : 1;
}

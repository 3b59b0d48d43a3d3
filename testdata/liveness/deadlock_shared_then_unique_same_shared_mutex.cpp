// expect: deadlock
// hangs: yes
// Lock "upgrade": a worker holds a shared (read) lock on a std::shared_mutex and, still holding
// it, asks for the exclusive (write) lock of the same shared_mutex. The write lock waits for all
// readers to leave, including the worker itself, so it blocks forever; main blocks joining it.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>

static std::shared_mutex table_lock;
static std::map<std::string, int> table;

static int get_or_insert(const std::string &key) {
  std::shared_lock<std::shared_mutex> rd(table_lock);
  auto it = table.find(key);
  if (it != table.end()) return it->second;
  std::unique_lock<std::shared_mutex> wr(table_lock);  // still holding rd: self-deadlock
  return table[key] = static_cast<int>(table.size());
}

int main() {
  std::thread worker([] { get_or_insert("missing"); });
  worker.join();
  return 0;
}

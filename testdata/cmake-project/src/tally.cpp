#include "tally/tally.h"

#include <mutex>
#include <thread>
#include <vector>

namespace tally {

namespace {

long hits = 0;          // shared by the workers, unprotected
long workersDone = 0;   // protected by doneLock
std::mutex doneLock;

void recordHit() {
  hits = hits + 1; // RACE: read-modify-write without a lock
}

void work(int perThread) {
  for (int i = 0; i < perThread; ++i)
    recordHit();
  std::lock_guard<std::mutex> guard(doneLock);
  ++workersDone;
}

} // namespace

long countInParallel(int threads, int perThread) {
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i)
    workers.emplace_back(work, perThread);
  for (std::thread &worker : workers)
    worker.join();
  return hits;
}

} // namespace tally

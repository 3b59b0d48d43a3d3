// expect: data_race
// Each thread has its own thread_local pointer `tls_cache`, but every thread's
// pointer is initialized to the address of the same global `shared_cache`.
// The pointers are per-thread; the int they point to is not: data race.
#include <cstdio>
#include <thread>

int shared_cache = 0;
thread_local int *tls_cache = &shared_cache;  // BUG: per-thread pointer, shared target

void worker() {
  for (int i = 0; i < 100; ++i) *tls_cache += 1;  // racy read-modify-write of shared_cache
}

int main() {
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  std::printf("shared_cache = %d\n", shared_cache);
  return 0;
}

// expect: data_race
// signal: SIGSEGV
// Two threads race on `status`, then the program crashes with SIGSEGV. The
// race was written out when it was found, so the crash loses nothing: the
// report still has it, and records the signal.
#include <csignal>
#include <thread>

int status = 0;

int main() {
  std::thread writer([] { status = 1; });
  status = 2;
  writer.join();
  std::raise(SIGSEGV);
  return status;
}

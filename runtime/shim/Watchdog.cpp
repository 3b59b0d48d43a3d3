//===- Watchdog.cpp - the runtime's own thread that watches the program ---===//
//
// Deadlocked or stalled threads cannot report themselves, so a thread of the
// runtime's own (invisible to the detector) looks at them ten times a second.
// It also enforces RACEGATE_TIMEOUT and reads RACEGATE_STARVATION_MS.
//
//===----------------------------------------------------------------------===//
#include "RealFunctions.h"
#include "Runtime.h"

#include "racegate/RuntimeAbi.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

using namespace racegate;
using namespace racegate::shim;

namespace {

/// Whether the racegate that runs the program is gone: then nobody reads
/// the findings any more, and every process of the run must end.
bool supervisorIsGone() {
  return Config.Supervisor && kill(Config.Supervisor, 0) != 0 &&
         errno == ESRCH;
}

std::atomic<bool> MainThreadExited{false};

/// The number of threads of the process still running, from
/// /proc/self/stat (0 when it cannot be read). A main thread that has
/// exited stays a zombie, still counted, until the whole process ends.
unsigned runningThreadCount() {
  int Fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return 0;
  char Buffer[1024];
  ssize_t N = read(Fd, Buffer, sizeof(Buffer) - 1);
  close(Fd);
  if (N <= 0)
    return 0;
  Buffer[N] = 0;
  // The command name may contain anything, even ')': fields are counted
  // from the last one.
  char *P = strrchr(Buffer, ')');
  if (!P)
    return 0;
  // Field 3 (the main thread's state) follows; num_threads is field 20.
  bool MainIsZombie = P[1] == ' ' && P[2] == 'Z';
  for (unsigned Field = 2; Field < 20 && P; ++Field)
    P = strchr(P + 1, ' ');
  unsigned Count = P ? unsigned(strtoul(P + 1, nullptr, 10)) : 0;
  return Count > 0 && MainIsZombie ? Count - 1 : Count;
}

void *watch(void *) {
  Detector::LivenessOptions Options;
  Options.StarvationNs = Config.StarvationNs;
  uint64_t TimeoutNs = Config.TimeoutNs;
  uint64_t Started = Detector::monotonicNow();
  timespec Tick{0, 100 * 1000 * 1000};
  while (true) {
    nanosleep(&Tick, nullptr);
    // Natively the process ends with its last thread; this one must not
    // count as one of the program's.
    if (MainThreadExited.load(std::memory_order_relaxed) &&
        runningThreadCount() == 1)
      pthread_exit(nullptr);
    if (supervisorIsGone()) {
      if (Config.RunGroup)
        kill(-Config.RunGroup, SIGKILL);
      raise(SIGKILL);
    }
    if (TimeoutNs && Detector::monotonicNow() - Started >= TimeoutNs) {
      TheDetector->reportTimeout(TimeoutNs / 1000000000ull);
      _exit(abi::TimeoutExitCode);
    }
    if (TheDetector->scanLiveness(Options) == Detector::Verdict::Terminate)
      endHungProgram();
  }
  return nullptr;
}

} // namespace

namespace racegate::shim {

void noteMainThreadExited() { MainThreadExited.store(true); }

[[noreturn]] void endHungProgram() {
  static const char Msg[] =
      "racegate: the program can no longer make progress; ending it\n";
  (void)!write(2, Msg, sizeof(Msg) - 1);
  _exit(abi::HangExitCode);
}

void startChildProcess() {
  TheDetector->forkedChild(CurrentThread);
  forgetThreadsOfParent();
  writeStartRecord();
  startWatchdog();
}

void startWatchdog() {
  pthread_t Watcher;
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED);
  real::pthread_create(&Watcher, &Attr, watch, nullptr);
  pthread_attr_destroy(&Attr);
}

// After the program's libraries are initialised, when a thread can be
// started safely.
__attribute__((constructor)) static void startWatchdogOnce() {
  ensureInitialized();
  if (ThreadState *Main = CurrentThread) {
    RuntimeScope Busy(*Main);
    registerMainThread(pthread_self(), *Main);
  }
  startWatchdog();
}

} // namespace racegate::shim

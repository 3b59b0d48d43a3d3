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

#include <cstdlib>
#include <time.h>
#include <unistd.h>

using namespace racegate;
using namespace racegate::shim;

namespace {

uint64_t envNumber(const char *Name, uint64_t Default) {
  const char *V = getenv(Name);
  if (!V || !*V)
    return Default;
  char *End;
  unsigned long long N = strtoull(V, &End, 10);
  return *End ? Default : N;
}

void *watch(void *) {
  Detector::LivenessOptions Options;
  Options.StarvationNs =
      envNumber("RACEGATE_STARVATION_MS", 1000) * 1000000ull;
  uint64_t TimeoutNs = envNumber("RACEGATE_TIMEOUT", 0) * 1000000000ull;
  uint64_t Started = Detector::monotonicNow();
  timespec Tick{0, 100 * 1000 * 1000};
  while (true) {
    nanosleep(&Tick, nullptr);
    if (TimeoutNs && Detector::monotonicNow() - Started >= TimeoutNs) {
      TheDetector->reportTimeout(TimeoutNs / 1000000000ull);
      _exit(abi::TimeoutExitCode);
    }
    if (TheDetector->scanLiveness(Options) == Detector::Verdict::Terminate)
      endHungProgram();
  }
  return nullptr;
}

void restartInChild() {
  TheDetector->forkedChild(CurrentThread);
  startWatchdog();
}

} // namespace

namespace racegate::shim {

[[noreturn]] void endHungProgram() {
  static const char Msg[] =
      "racegate: the program can no longer make progress; ending it\n";
  (void)!write(2, Msg, sizeof(Msg) - 1);
  _exit(abi::HangExitCode);
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
    registerMainThread(pthread_self(), Main->Id);
  }
  startWatchdog();
  pthread_atfork(nullptr, nullptr, restartInChild);
}

} // namespace racegate::shim

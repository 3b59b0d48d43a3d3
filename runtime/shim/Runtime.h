//===- Runtime.h - the process-wide runtime around the detector -----------===//
#ifndef RACEGATE_SHIM_RUNTIME_H
#define RACEGATE_SHIM_RUNTIME_H

#include "Detector.h"

#include <cstdint>
#include <pthread.h>

// Written by instrumented code just before each call: the call's site id.
extern "C" __thread uint32_t __racegate_call_site
    __attribute__((tls_model("initial-exec")));

namespace racegate::shim {

/// Null until the runtime is initialised, and for threads it does not track.
extern __thread ThreadState *CurrentThread
    __attribute__((tls_model("initial-exec")));
extern Detector *TheDetector;

/// Initialises the runtime if nothing did yet; safe to call from any hook.
void ensureInitialized();

/// Ends a program that can no longer make progress, after its finding was
/// written.
[[noreturn]] void endHungProgram();

/// Makes the main thread joinable by handle, like any other.
void registerMainThread(pthread_t Handle, Tid Id);

/// Starts the thread that watches for deadlocks, stalls, starvation,
/// livelock and the time limit.
void startWatchdog();

/// The thread to attribute an event to, or null when the event must be
/// ignored (untracked thread, or the runtime itself is busy on it).
inline ThreadState *activeThread() {
  ThreadState *T = CurrentThread;
  return T && !T->InRuntime ? T : nullptr;
}

/// The call site the instrumented caller left, cleared so that it is not
/// mistaken for a later call's.
inline SiteId takeCallSite() {
  SiteId S = __racegate_call_site;
  __racegate_call_site = 0;
  return S;
}

} // namespace racegate::shim

#endif

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

/// What racegate asked for, read from the environment once at start: a
/// program that changes its environment later changes nothing.
struct RuntimeConfig {
  uint64_t TimeoutNs = 0;              // RACEGATE_TIMEOUT (seconds); 0: none
  uint64_t StarvationNs = 1000000000;  // RACEGATE_STARVATION_MS
  uint64_t ExitGraceNs = 1000000000;   // RACEGATE_EXIT_GRACE_MS
  int Supervisor = 0; // RACEGATE_SUPERVISOR: racegate's pid, 0 if none
  // The process group racegate made for the run (not racegate's own), to
  // end all of it when racegate is gone; 0 when there is none.
  int RunGroup = 0;
};
extern RuntimeConfig Config;

/// The lock of the findings stream, for holding it across fork().
SpinLock &streamLock();

/// Announces this process in the findings stream, whose records it numbers
/// from 0.
void writeStartRecord();

/// Initialises the runtime if nothing did yet; safe to call from any hook.
void ensureInitialized();

/// Ends a program that can no longer make progress, after its finding was
/// written.
[[noreturn]] void endHungProgram();

/// Makes the main thread joinable by handle, like any other, and lets a
/// pthread_exit() from it end it like any other thread.
void registerMainThread(pthread_t Handle, ThreadState &Main);

/// Holds every runtime lock across fork(), so that the child finds none
/// held; registered before anything else can register a fork handler.
void installForkHandlers();

/// The lock of the table of joinable threads, for holding it across fork().
SpinLock &joinableThreadsLock();

/// In a new child process, on its only thread: the other threads are gone,
/// and the watchdog must be started again.
void startChildProcess();

/// Lets go of the robust mutexes \p T still holds as it ends, as the system
/// does for their next owner.
void releaseRobustMutexesAtExit(ThreadState &T);

/// Whether the program has installed a signal handler: a handler may post
/// a semaphore, so a wait for one may end without any thread's help.
bool programHandlesSignals();

/// The main thread called pthread_exit(): the watchdog must not be what
/// keeps the process alive.
void noteMainThreadExited();

/// Thread lifecycle as the exit grace counts it (ExitGrace.cpp): a thread
/// was created, began running its routine, or ended.
void noteThreadCreated();
void noteThreadStarted();
void noteThreadEnded();
/// In the child of fork(): the parent's other threads are not coming.
void forgetThreadsOfParent();

// pthread handles, for misuse of joins and detaches (ThreadMisuse.cpp).
/// A thread was created with \p Handle.
/// \p Ticket names this one thread over the run.
void noteThreadHandle(pthread_t Handle, Tid Thread, uint64_t Ticket);
/// A thread the detector does not track got \p Handle: nothing is known.
void noteUntrackedThreadHandle(pthread_t Handle);
/// The use \p Ticket of \p Handle was joined (\p Joined) or detached: it
/// is no longer valid. A later use of the same handle is left alone.
void noteThreadHandleGivenUp(pthread_t Handle, uint64_t Ticket, bool Joined);
/// Reports a join or detach of a handle already given up; true when the
/// call must be refused (EINVAL) rather than made.
bool refuseThreadOp(ThreadState &T, pthread_t Handle, bool Join, SiteId Site);
/// At exit: reports threads that ended and were never joined or detached.
void reportLeakedThreads(ThreadState &T);
/// In the child of fork(): the parent's handles mean nothing.
void forgetThreadHandles();

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

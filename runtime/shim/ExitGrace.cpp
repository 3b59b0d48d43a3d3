//===- ExitGrace.cpp - threads get their chance to run before exit --------===//
//
// pthread_create() returns before the new thread runs, and a program whose
// main returns without joining ends threads that never ran or had only
// begun: whether their races are seen would depend on the scheduler. When
// the process exits, it first waits, for at most RACEGATE_EXIT_GRACE_MS
// (default 1000 ms, 0 turns it off), until every thread it created has
// started and ended. Threads blocked for good cost the whole grace, once.
// Then the threads that ended without being joined or detached are
// reported as leaked.
//
// The wait runs as an exit handler registered at the first pthread_create:
// handlers run in reverse order, so it runs before the destructors of the
// program's globals, which the waiting threads may still use.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"

#include <atomic>
#include <cstdlib>
#include <time.h>

using namespace racegate;
using namespace racegate::shim;

namespace {

std::atomic<long> Unstarted{0}; // created, routine not yet called
std::atomic<long> Living{0};    // created, not yet ended
std::atomic<bool> HandlerRegistered{false};
/// Set on threads the program created: one that calls exit() does not
/// wait for itself.
__thread bool CreatedThread;

uint64_t monotonicNs() {
  timespec Now;
  clock_gettime(CLOCK_MONOTONIC, &Now);
  return uint64_t(Now.tv_sec) * 1000000000ull + uint64_t(Now.tv_nsec);
}

void waitForThreads() {
  struct ReportLeaks {
    ~ReportLeaks() {
      if (ThreadState *T = activeThread())
        reportLeakedThreads(*T);
    }
  } AtEnd;
  if (Config.ExitGraceNs == 0)
    return;
  uint64_t Deadline = monotonicNs() + Config.ExitGraceNs;
  long Self = CreatedThread ? 1 : 0;
  while (Unstarted.load() > 0 || Living.load() > Self) {
    if (monotonicNs() >= Deadline)
      return;
    timespec Pause{0, 1000000};
    nanosleep(&Pause, nullptr);
  }
}

} // namespace

namespace racegate::shim {

void noteThreadCreated() {
  Unstarted.fetch_add(1);
  Living.fetch_add(1);
  bool Expected = false;
  if (HandlerRegistered.compare_exchange_strong(Expected, true))
    atexit(waitForThreads);
}

void noteThreadStarted() {
  CreatedThread = true;
  Unstarted.fetch_sub(1);
}

void noteThreadEnded() { Living.fetch_sub(1); }

void forgetThreadsOfParent() {
  // In the child of fork(): only the forking thread lives on.
  Unstarted.store(0);
  Living.store(CreatedThread ? 1 : 0);
  forgetThreadHandles();
}

} // namespace racegate::shim

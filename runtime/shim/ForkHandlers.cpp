//===- ForkHandlers.cpp - keeping the runtime usable across fork() --------===//
//
// Only the forking thread lives on in the child. Any runtime lock another
// thread held at the fork would stay held there forever, so the forking
// thread takes every one of them first and lets go of them on both sides.
// The handlers are registered before anything else can register one: the
// program's own prepare handlers (which may lock mutexes, and so need the
// detector) run before ours, and its child handlers after ours.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"

#include <new>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <vector>

using namespace racegate;
using namespace racegate::shim;

namespace {

alignas(std::vector<SpinLock *>) char HeldStorage[sizeof(
    std::vector<SpinLock *>)];
std::vector<SpinLock *> *Held;
bool Holding;

void nap(long Nanoseconds) {
  timespec Pause{0, Nanoseconds};
  nanosleep(&Pause, nullptr);
}

/// Takes \p L unless it stays busy for about a millisecond: its holder may
/// be waiting for a lock this thread took already, in an order the list
/// does not foresee. The caller then lets go of everything and starts over.
bool hold(SpinLock &L, void *) {
  for (unsigned Attempt = 0; Attempt < 256; ++Attempt) {
    if (L.try_lock()) {
      Held->push_back(&L);
      return true;
    }
    if (Attempt < 64)
      sched_yield();
    else
      nap(5000);
  }
  return false;
}

void releaseAll() {
  for (size_t I = Held->size(); I-- > 0;)
    (*Held)[I]->unlock();
  Held->clear();
}

void beforeFork() {
  ThreadState *T = CurrentThread;
  // A fork from a signal handler that interrupted the runtime on this very
  // thread: the locks it holds cannot be taken again. Nothing better than
  // forking as is remains.
  if (!TheDetector || (T && T->InRuntime))
    return;
  if (T)
    ++T->InRuntime; // the list grows through malloc: not a program event
  while (!(hold(joinableThreadsLock(), nullptr) &&
           hold(streamLock(), nullptr) &&
           TheDetector->forEachLock(hold, nullptr))) {
    releaseAll();
    nap(1000000);
  }
  Holding = true;
}

void afterFork(bool InChild) {
  if (!Holding)
    return;
  Holding = false;
  releaseAll();
  ThreadState *T = CurrentThread;
  if (T)
    --T->InRuntime;
  if (InChild)
    startChildProcess();
}

} // namespace

namespace racegate::shim {

void installForkHandlers() {
  Held = new (HeldStorage) std::vector<SpinLock *>();
  pthread_atfork(beforeFork, [] { afterFork(false); },
                 [] { afterFork(true); });
}

} // namespace racegate::shim

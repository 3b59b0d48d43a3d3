//===- LockProtocol.h - one way to take every kind of lock ----------------===//
//
// Every blocking acquisition first tells the detector it is requested (lock
// order, self-deadlock), then tries without blocking; only if that fails is
// the thread recorded as waiting, so the watchdog never sees a wait that was
// not real contention.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_SHIM_LOCKPROTOCOL_H
#define RACEGATE_SHIM_LOCKPROTOCOL_H

#include "Runtime.h"

#include <cerrno>

namespace racegate::shim {

inline uintptr_t addressOf(const volatile void *P) {
  return reinterpret_cast<uintptr_t>(P);
}

/// \p Shared: the lock is process-shared, so another process may hold it
/// and release it; the wait for it is not one the watchdog can judge.
template <typename TryFn, typename BlockFn>
int acquireLock(const volatile void *Lock, SiteId Site, bool Exclusive,
                Detector::Relock Kind, bool Timed, TryFn &&Try,
                BlockFn &&Block, bool Shared = false) {
  ThreadState *T = activeThread();
  if (!T)
    return Block();
  uintptr_t Addr = addressOf(Lock);
  if (TheDetector->lockRequested(*T, Addr, Site, Exclusive, Kind,
                                 /*IsTry=*/false) ==
      Detector::LockRequest::SelfDeadlock)
    endHungProgram();
  int Status = Try();
  if (Status == EBUSY) {
    if (!Shared)
      TheDetector->lockBlocked(*T, Addr, Site, Exclusive, Timed);
    Status = Block();
  }
  // A robust mutex whose owner died is acquired all the same.
  if (Status == 0 || Status == EOWNERDEAD)
    TheDetector->mutexLocked(*T, Addr, Site, Exclusive);
  else
    TheDetector->lockFailed(*T, /*WasTry=*/false);
  return Status;
}

template <typename TryFn>
int tryAcquireLock(const volatile void *Lock, SiteId Site, bool Exclusive,
                   TryFn &&Try) {
  ThreadState *T = activeThread();
  if (!T)
    return Try();
  uintptr_t Addr = addressOf(Lock);
  TheDetector->lockRequested(*T, Addr, Site, Exclusive,
                             Detector::Relock::Recursive, /*IsTry=*/true);
  int Status = Try();
  if (Status == 0 || Status == EOWNERDEAD) {
    TheDetector->mutexLocked(*T, Addr, Site, Exclusive);
    TheDetector->tryLockSucceeded(*T);
  } else {
    TheDetector->lockFailed(*T, /*WasTry=*/true);
  }
  return Status;
}

inline void releaseLock(const volatile void *Lock, SiteId Site,
                        bool OwnerOnly = false) {
  if (ThreadState *T = activeThread())
    TheDetector->mutexUnlocked(*T, addressOf(Lock), Site, OwnerOnly);
}

inline void destroyLock(const volatile void *Lock, SiteId Site) {
  if (ThreadState *T = activeThread())
    TheDetector->lockDestroyed(*T, addressOf(Lock), Site);
}

} // namespace racegate::shim

#endif

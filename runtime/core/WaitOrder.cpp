//===- WaitOrder.cpp - waits that order threads in every schedule ---------===//
//
// A lock orders its critical sections only in the order this run took
// them; another schedule reverses it. Some waits order threads whatever the
// schedule: a barrier returns only once every party arrived, and a wait on
// a semaphore that starts at zero returns only after some post. What they
// order goes into the threads' LifeClock (ThreadState.h), which is what
// tells a lock-order cycle that can deadlock from one that cannot.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"

namespace racegate {

void Detector::barrierArrives(ThreadState &T, uintptr_t Barrier,
                              unsigned Parties) {
  RuntimeScope Busy(T);
  arrive(T, Barrier, Parties);
  // What the thread does next is after what it published.
  T.tick();
}

void Detector::arrive(ThreadState &T, uintptr_t Barrier, unsigned Parties) {
  SyncObject &S = Syncs.get(Barrier);
  SpinGuard Guard(S.Lock);
  if (Parties)
    S.BarrierParties = Parties;
  // Rounds accumulate: a round's arrivals each left the round before, so
  // everything before earlier rounds is before this one too.
  S.clocksChanged();
  T.publishLifeClock(S.LifeClock);
  if (S.BarrierParties && ++S.BarrierArrived >= S.BarrierParties) {
    S.BarrierArrived = 0;
    // What this round's waiters leave with; arrivals of the next round,
    // which may come before a slow waiter leaves, are not part of it.
    S.CompletedRoundClock = S.LifeClock;
  }
}

void Detector::barrierLeaves(ThreadState &T, uintptr_t Barrier) {
  RuntimeScope Busy(T);
  SyncObject &S = Syncs.get(Barrier);
  SpinGuard Guard(S.Lock);
  T.LifeClock.join(S.CompletedRoundClock);
}

void Detector::semaphorePosted(ThreadState &T, uintptr_t Semaphore) {
  RuntimeScope Busy(T);
  post(T, Semaphore);
  // What the thread does next is after what it published.
  T.tick();
}

void Detector::post(ThreadState &T, uintptr_t Semaphore) {
  SyncObject &S = Syncs.get(Semaphore);
  SpinGuard Guard(S.Lock);
  S.clocksChanged();
  // A wait may take any post: only what every post follows orders it.
  if (!S.LifePublished) {
    S.LifeClock.clear();
    T.publishLifeClock(S.LifeClock);
    S.LifePublished = true;
    return;
  }
  VectorClock Mine;
  T.publishLifeClock(Mine);
  S.LifeClock.meet(Mine);
}

void Detector::semaphoreAcquired(ThreadState &T, uintptr_t Semaphore) {
  RuntimeScope Busy(T);
  SyncObject &S = Syncs.get(Semaphore);
  SpinGuard Guard(S.Lock);
  // Only a semaphore that starts at zero needs a post before any wait.
  if (S.SemaphoreInitial == 0 && S.LifePublished)
    T.LifeClock.join(S.LifeClock);
}

} // namespace racegate

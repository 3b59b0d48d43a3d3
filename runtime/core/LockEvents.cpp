//===- LockEvents.cpp - lock ownership, lock order and lock misuse --------===//
//
// Besides carrying happens-before, every lock operation keeps track of who
// owns the lock. Ownership tells misuse apart (unlocking what another thread
// holds, unlocking twice, destroying a held lock) and gives the watchdog its
// wait-for graph. Requests made while holding other locks feed the lock-order
// graph at the moment the thread starts to wait, so even a deadlock that
// happens the first time the code runs is seen.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"
#include "JsonWriter.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace racegate {

void Detector::internLockset(ThreadState &T) {
  T.LocksetId = Locksets.intern(T.Held.size(), [&](size_t I) {
    const HeldLock &H = T.Held[I];
    return LockRecord{H.Address, H.Stack, H.Site, H.Exclusive};
  });
  T.LocksetDirty = false;
}

bool Detector::stillOwned(const ThreadState &T, const HeldLock &H) {
  SyncObject *S = Syncs.find(H.Address);
  if (!S)
    return false;
  SpinGuard Guard(S->Lock);
  return H.Exclusive ? S->Owner == T.Id
                     : std::find(S->Readers.begin(), S->Readers.end(),
                                 T.Id) != S->Readers.end();
}

void Detector::forgetHeld(ThreadState &T, uintptr_t Lock) {
  T.Held.erase(std::remove_if(T.Held.begin(), T.Held.end(),
                              [&](const HeldLock &H) {
                                return H.Address == Lock;
                              }),
               T.Held.end());
  updateLockset(T);
}


static void countAcquisition(SyncObject &S, Tid T) {
  ++S.Acquisitions;
  for (auto &[Id, Count] : S.AcquisitionsByThread)
    if (Id == T) {
      ++Count;
      return;
    }
  S.AcquisitionsByThread.emplace_back(T, 1);
}

Detector::LockRequest Detector::lockRequested(ThreadState &T, uintptr_t Lock,
                                              SiteId Site, bool Exclusive,
                                              Relock Kind, bool IsTry) {
  RuntimeScope Busy(T);
  const HeldLock *Mine = nullptr;
  for (const HeldLock &H : T.Held)
    if (H.Address == Lock)
      Mine = &H;
  if (Mine && !stillOwned(T, *Mine)) {
    // Another thread unlocked it for us (a misuse reported then).
    forgetHeld(T, Lock);
    Mine = nullptr;
  }
  if (Mine && !IsTry) {
    // Asking again for a lock the thread holds: a plain mutex or spinlock
    // never returns, and neither does a write lock over one's own read lock.
    bool Hangs = Kind == Relock::Hangs ||
                 (Exclusive && !Mine->Exclusive && Kind != Relock::Recursive);
    if (Hangs) {
      reportSelfDeadlock(T, Lock, Site, Exclusive);
      return LockRequest::SelfDeadlock;
    }
    return LockRequest::Proceed;
  }
  if (IsTry || T.Held.empty())
    return LockRequest::Proceed;

  StackId Stack = T.Stack.current(Stacks);
  std::vector<uintptr_t> Exclusives;
  for (const HeldLock &H : T.Held)
    if (H.Exclusive)
      Exclusives.push_back(H.Address);
  for (const HeldLock &H : T.Held) {
    LockEdge Edge;
    Edge.Thread = T.Id;
    Edge.Incarnation = T.Incarnation;
    Edge.From = H.Address;
    Edge.To = Lock;
    Edge.FromExclusive = H.Exclusive;
    Edge.ToExclusive = Exclusive;
    Edge.FromStack = H.Stack;
    Edge.FromSite = H.Site;
    Edge.ToStack = Stack;
    Edge.ToSite = Site;
    Edge.ExclusivelyHeld = Exclusives;
    Edge.RequestClock = T.Clock_.get(T.Id);
    Edge.FromAcquiredClock = H.AcquiredClock;
    if (auto Cycle = LockOrder.add(std::move(Edge)))
      reportLockCycle(*Cycle);
  }
  return LockRequest::Proceed;
}

void Detector::lockBlocked(ThreadState &T, uintptr_t Lock, SiteId Site,
                           bool Exclusive, bool Timed) {
  RuntimeScope Busy(T);
  uint64_t Acquisitions = 0;
  {
    SyncObject &S = Syncs.get(Lock);
    SpinGuard Guard(S.Lock);
    Acquisitions = S.Acquisitions;
    T.PendingBaseline = S.AcquisitionsByThread;
  }
  WaitState W;
  W.Kind = Exclusive ? WaitKind::Mutex : WaitKind::ReadLock;
  W.Object = Lock;
  W.Timed = Timed;
  W.Site = Site;
  W.AcquisitionsAtStart = Acquisitions;
  startWait(T, W);
  SpinGuard Guard(T.Lock);
  T.WaitBaseline.swap(T.PendingBaseline);
  T.WaitBaselineSerial = T.Wait.Serial;
}

void Detector::startWait(ThreadState &T, WaitState W) {
  W.Stack = T.Stack.current(Stacks);
  W.SinceNs = Now();
  W.Serial = W.SinceNs ^ (uint64_t(T.Id) << 48);
  SpinGuard Guard(T.Lock);
  T.Wait = W;
}

void Detector::lockFailed(ThreadState &T, bool WasTry) {
  waitEnds(T);
  if (!WasTry)
    return;
  uint64_t At = Now();
  SpinGuard Guard(T.Lock);
  if (T.TryFailures++ == 0)
    T.FirstTryFailureNs = At;
  T.LastTryFailureNs = At;
}

void Detector::mutexLocked(ThreadState &T, uintptr_t Mutex, SiteId Site,
                           bool Exclusive) {
  RuntimeScope Busy(T);
  {
    SyncObject &S = Syncs.get(Mutex);
    SpinGuard Guard(S.Lock);
    T.Clock_.join(S.Clock);
    if (Exclusive)
      T.Clock_.join(S.ReadClock);
    if (Exclusive) {
      S.Recursion = S.Owner == T.Id ? S.Recursion + 1 : 1;
      S.Owner = T.Id;
    } else {
      S.Readers.push_back(T.Id);
    }
    S.EverLocked = true;
    countAcquisition(S, T.Id);
  }
  clockGrew(T);
  HeldLock Held{Mutex, T.Stack.current(Stacks), Site, Exclusive, {}};
  // Which threads' past this critical section is ordered after, whatever
  // the schedule: see ThreadState::LifeClock.
  Held.AcquiredClock = T.LifeClock;
  Held.AcquiredClock.set(T.Id, T.Clock_.get(T.Id));
  T.Held.push_back(std::move(Held));
  updateLockset(T);
  SpinGuard Guard(T.Lock);
  T.Wait = WaitState();
}

void Detector::tryLockSucceeded(ThreadState &T) {
  SpinGuard Guard(T.Lock);
  T.TryFailures = 0;
}

void Detector::mutexUnlocked(ThreadState &T, uintptr_t Mutex, SiteId Site,
                             bool OwnerOnly) {
  RuntimeScope Busy(T);
  std::optional<HeldLock> Mine;
  for (size_t I = T.Held.size(); I-- > 0;)
    if (T.Held[I].Address == Mutex) {
      Mine = std::move(T.Held[I]);
      T.Held.erase(T.Held.begin() + I);
      updateLockset(T);
      break;
    }
  bool Exclusive = Mine ? Mine->Exclusive : true;
  Tid Owner;
  bool Locked;
  {
    SyncObject &S = Syncs.get(Mutex);
    SpinGuard Guard(S.Lock);
    Owner = S.Owner;
    Locked = S.Owner != SyncObject::NoOwner || !S.Readers.empty();
    // A lock that refuses unlocks by non-owners is left as it is.
    if (Mine || !OwnerOnly) {
      S.clocksChanged();
      (Exclusive ? S.Clock : S.ReadClock).join(T.Clock_);
      if (Mine && !Exclusive) {
        auto It = std::find(S.Readers.begin(), S.Readers.end(), T.Id);
        if (It != S.Readers.end())
          S.Readers.erase(It);
      } else if (!Mine) {
        // Another thread's lock: after this unlock nobody owns it.
        S.Owner = SyncObject::NoOwner;
        S.Recursion = 0;
      } else if (S.Owner == T.Id && --S.Recursion == 0) {
        S.Owner = SyncObject::NoOwner;
      }
    }
  }
  T.tick();
  if (Mine)
    return;
  if (!Locked) {
    if (firstReport("double_unlock", Site))
      reportMisuse(T, "double_unlock", Mutex, Site,
                   "unlocks lock " + hexAddress(Mutex) + ", which is not locked", T.Id, nullptr);
    return;
  }
  if (Owner == SyncObject::NoOwner || Owner == T.Id)
    return;
  if (!firstReport("unlock_not_owned", Site))
    return;
  const HeldLock *OwnerHeld = nullptr;
  std::optional<HeldLock> OwnerCopy;
  if (ThreadState *O = thread(Owner))
    for (const HeldLock &H : O->Held)
      if (H.Address == Mutex)
        OwnerCopy = H;
  if (OwnerCopy)
    OwnerHeld = &*OwnerCopy;
  reportMisuse(T, "unlock_not_owned", Mutex, Site,
               "unlocks lock " + hexAddress(Mutex) + ", which thread " +
                   std::to_string(Owner) + " holds", Owner, OwnerHeld);
}

void Detector::lockDestroyed(ThreadState &T, uintptr_t Lock, SiteId Site) {
  RuntimeScope Busy(T);
  Tid Owner = SyncObject::NoOwner;
  bool Held = false;
  if (SyncObject *S = Syncs.find(Lock)) {
    SpinGuard Guard(S->Lock);
    Owner = S->Owner;
    Held = S->Owner != SyncObject::NoOwner || !S->Readers.empty();
  }
  if (Held && firstReport("destroy_locked", Site)) {
    std::optional<HeldLock> OwnerCopy;
    if (ThreadState *O = Owner != SyncObject::NoOwner ? thread(Owner) : nullptr)
      for (const HeldLock &H : O->Held)
        if (H.Address == Lock)
          OwnerCopy = H;
    reportMisuse(T, "destroy_locked", Lock, Site,
                 "destroys lock " + hexAddress(Lock) + ", which is still locked",
                 Owner == SyncObject::NoOwner ? T.Id : Owner,
                 OwnerCopy ? &*OwnerCopy : nullptr);
  }
  mutexDestroyed(Lock);
  LockOrder.forgetRange(Lock, Lock + 1);
  syncDestroyed(T, Lock, Site);
}

void Detector::mutexDestroyed(uintptr_t Mutex) { Syncs.erase(Mutex); }

// --- Other waits -----------------------------------------------------------

void Detector::waitBegins(ThreadState &T, WaitKind Kind, uintptr_t Object,
                          SiteId Site, bool Timed, uintptr_t Mutex,
                          Tid JoinTarget) {
  RuntimeScope Busy(T);
  // A thread about to block keeps its clock until it wakes: its row is
  // exact for as long as the wait lasts.
  publishClock(T);
  recomputeFrontier(T);
  WaitState W;
  W.Kind = Kind;
  W.Object = Object;
  W.Mutex = Mutex;
  W.JoinTarget = JoinTarget;
  W.Timed = Timed;
  W.Site = Site;
  if (Kind == WaitKind::Futex) {
    W.Primitive = T.PendingPrimitive;
    W.PrimitiveObject = T.PendingPrimitiveObject;
  }
  startWait(T, W);
}

void Detector::waitEnds(ThreadState &T) {
  SpinGuard Guard(T.Lock);
  T.Wait.Kind = WaitKind::None;
}

void Detector::condWaitBegins(ThreadState &T, uintptr_t Cond, uintptr_t Mutex,
                              SiteId Site, bool Timed) {
  RuntimeScope Busy(T);
  bool HoldsMutex = holdsLock(T, Mutex);
  uintptr_t Previous;
  {
    SyncObject &S = Syncs.get(Cond);
    SpinGuard Guard(S.Lock);
    Previous = S.CondMutex;
    S.CondMutex = Mutex;
    ++S.Waiters;
  }
  if (!HoldsMutex && firstReport("condvar_wait_unlocked", Site))
    reportMisuse(T, "condvar_wait_unlocked", Cond, Site,
                 "waits on condition variable " + hexAddress(Cond) +
                     " without holding its mutex " + hexAddress(Mutex),
                 T.Id, nullptr);
  if (Previous && Previous != Mutex &&
      firstReport("condvar_multiple_mutexes", Site))
    reportMisuse(T, "condvar_multiple_mutexes", Cond, Site,
                 "waits on condition variable " + hexAddress(Cond) + " with mutex " +
                     hexAddress(Mutex) + ", but it was used with mutex " + hexAddress(Previous), T.Id,
                 nullptr);
  waitBegins(T, WaitKind::CondVar, Cond, Site, Timed, Mutex);
}

void Detector::condWaitEnds(ThreadState &T, uintptr_t Cond) {
  waitEnds(T);
  RuntimeScope Busy(T);
  SyncObject &S = Syncs.get(Cond);
  SpinGuard Guard(S.Lock);
  if (S.Waiters > 0)
    --S.Waiters;
  // Which waiter a signal woke is unknown: one that leaves is counted as
  // woken, which may hide a busy destroy but never invents one.
  if (S.WokenWaiters > 0)
    --S.WokenWaiters;
}

void Detector::condNotified(ThreadState &T, uintptr_t Cond, SiteId Site,
                            bool All) {
  RuntimeScope Busy(T);
  StackId Stack = T.Stack.current(Stacks);
  SyncObject &S = Syncs.get(Cond);
  SpinGuard Guard(S.Lock);
  S.WokenWaiters = All ? S.Waiters : std::min(S.Waiters, S.WokenWaiters + 1);
  S.LastNotifyFoundNoWaiter = S.Waiters == 0;
  S.LastNotifySite = Site;
  S.LastNotifyStack = Stack;
  S.LastNotifyThread = T.Id;
}

void Detector::barrierInitialized(uintptr_t Barrier, unsigned Parties) {
  SyncObject &S = Syncs.get(Barrier);
  SpinGuard Guard(S.Lock);
  S.BarrierParties = Parties;
}

void Detector::semaphoreReleased(ThreadState &T, uintptr_t Semaphore,
                                 int64_t Value, int64_t Update, int64_t Max,
                                 SiteId Site) {
  if (Value + Update <= Max || Update <= 0)
    return;
  RuntimeScope Busy(T);
  if (firstReport("semaphore_overflow", Site))
    reportMisuse(T, "semaphore_overflow", Semaphore, Site,
                 "releases semaphore " + hexAddress(Semaphore) + " to " +
                     std::to_string(Value + Update) + ", beyond its maximum of " +
                     std::to_string(Max), T.Id, nullptr);
}

} // namespace racegate

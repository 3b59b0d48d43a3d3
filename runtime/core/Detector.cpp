//===- Detector.cpp - threads, synchronization and memory lifecycle -------===//
#include "Detector.h"

#include "racegate/RuntimeAbi.h"

namespace racegate {

#include <time.h>

Detector::Detector(FindingSink &Sink) : Sink(Sink) {}

uint64_t Detector::monotonicNow() {
  timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return uint64_t(Ts.tv_sec) * 1000000000ull + uint64_t(Ts.tv_nsec);
}

bool Detector::firstReport(std::string_view Kind, SiteId A, SiteId B) {
  std::string Key(Kind);
  Key += '\x1f';
  Key += Sites.location(A);
  Key += '\x1f';
  Key += Sites.location(B);
  SpinGuard Guard(ReportedLock);
  return Reported.insert(std::move(Key)).second;
}
Detector::~Detector() = default;

// --- Threads ---------------------------------------------------------------

ThreadState *Detector::createMainThread() {
  SpinGuard Guard(ThreadsLock);
  Threads.push_back(std::make_unique<ThreadState>(0, std::nullopt));
  ThreadState &Main = *Threads.back();
  Main.tick();
  return &Main;
}

ThreadState *Detector::createThread(ThreadState &Parent, SiteId CreateSite) {
  RuntimeScope Busy(Parent);
  ThreadState *Child;
  {
    SpinGuard Guard(ThreadsLock);
    if (Threads.size() >= MaxThreads)
      return nullptr;
    Threads.push_back(
        std::make_unique<ThreadState>(Tid(Threads.size()), Parent.Id));
    Child = Threads.back().get();
  }
  Child->CreationStack = Parent.Stack.current(Stacks);
  Child->CreationSite = CreateSite;
  Child->Clock_ = Parent.Clock_;
  Child->tick();
  Child->LifeClock = Parent.LifeClock;
  Child->LifeClock.set(Parent.Id, Parent.Clock_.get(Parent.Id));
  Parent.tick();
  return Child;
}

void Detector::threadStarted(ThreadState &T, uintptr_t StackLow,
                             uintptr_t StackHigh) {
  T.StackLow = StackLow;
  T.StackHigh = StackHigh;
  if (StackHigh > StackLow)
    Shadow.reset(StackLow, StackHigh - StackLow);
}

void Detector::threadFinished(ThreadState &T) {
  RuntimeScope Busy(T);
  for (const HeldLock &L : T.Held)
    reportLockLeak(T, L);
  SpinGuard Guard(T.Lock);
  T.Finished = true;
  // Only a join still needs the clocks; the running ones are done.
  T.FinalLifeClock = std::move(T.LifeClock);
  T.FinalLifeClock.set(T.Id, T.Clock_.get(T.Id));
  T.FinalClock = std::move(T.Clock_);
  T.Clock_ = VectorClock();
  // Nothing runs on this thread any more (the runtime stops attributing
  // events to it), so its shadow call stack can go.
  T.Stack.release();
}

void Detector::threadJoined(ThreadState &Joiner, Tid Child) {
  ThreadState *C = thread(Child);
  if (!C)
    return;
  RuntimeScope Busy(Joiner);
  SpinGuard Guard(C->Lock);
  Joiner.Clock_.join(C->Finished ? C->FinalClock : C->Clock_);
  Joiner.LifeClock.join(C->FinalLifeClock);
  // A thread is joined once: its clocks are not needed again.
  if (C->Finished) {
    C->FinalClock = VectorClock();
    C->FinalLifeClock = VectorClock();
  }
}

void Detector::forkedChild(ThreadState *Survivor) {
  SpinGuard Guard(ThreadsLock);
  for (const auto &T : Threads)
    if (T.get() != Survivor) {
      T->Finished = true;
      T->Wait = WaitState();
    }
}

ThreadState *Detector::thread(Tid Id) {
  SpinGuard Guard(ThreadsLock);
  return Id < Threads.size() ? Threads[Id].get() : nullptr;
}

// --- Memory ----------------------------------------------------------------

void Detector::allocated(ThreadState &T, uintptr_t Addr, size_t Size,
                         SiteId Site) {
  RuntimeScope Busy(T);
  Shadow.reset(Addr, Size);
  Heap.add({Addr, Size, T.Id, T.Stack.current(Stacks), Site});
}

void Detector::freed(uintptr_t Addr, size_t Size) {
  Heap.remove(Addr);
  Shadow.reset(Addr, Size);
  // Locks and atomics that lived in the block are gone; a new one at the
  // same address must not inherit their clocks or lock-order edges.
  Syncs.eraseRange(Addr, Addr + Size);
  LockOrder.forgetRange(Addr, Addr + Size);
}

// --- Synchronization -------------------------------------------------------

void Detector::acquire(ThreadState &T, uintptr_t Sync) {
  RuntimeScope Busy(T);
  SyncObject &S = Syncs.get(Sync);
  SpinGuard Guard(S.Lock);
  T.Clock_.join(S.Clock);
}

void Detector::release(ThreadState &T, uintptr_t Sync) {
  RuntimeScope Busy(T);
  SyncObject &S = Syncs.get(Sync);
  {
    SpinGuard Guard(S.Lock);
    S.Clock.join(T.Clock_);
  }
  T.tick();
}

// --- Atomics ---------------------------------------------------------------
//
// C++ semantics on the object's clock: a release store replaces it (reading
// that value synchronizes with that store only), a release read-modify-write
// adds to it (the release sequence goes on), a relaxed store empties it, and
// a relaxed read-modify-write leaves it. Standalone fences lend their clocks
// to the relaxed operations around them.

static uint32_t order(uint32_t Flags) { return Flags & abi::OrderMask; }
static bool isAcquire(uint32_t Flags) {
  uint32_t O = order(Flags);
  return O == abi::OrderAcquire || O == abi::OrderConsume ||
         O == abi::OrderAcqRel || O == abi::OrderSeqCst;
}
static bool isRelease(uint32_t Flags) {
  uint32_t O = order(Flags);
  return O == abi::OrderRelease || O == abi::OrderAcqRel ||
         O == abi::OrderSeqCst;
}

void Detector::atomicBegin(ThreadState &T, uintptr_t Addr, uint32_t Flags) {
  bool Stores = Flags & abi::AtomicWrites;
  // Set before the store can be seen, so that a relaxed store reading the
  // filter after it knows to end this release sequence.
  if (Stores && (isRelease(Flags) || T.FenceRelease))
    Released.add(Addr);
  bool Synchronizes = order(Flags) != abi::OrderRelaxed ||
                      (Stores && (T.FenceRelease || Released.mayContain(Addr)));
  if (!Synchronizes || T.InRuntime || T.AtomicStripe)
    return;
  T.AtomicStripe = &stripeFor(Addr);
  T.AtomicStripe->lock();
}

void Detector::atomicEnd(ThreadState &T, uintptr_t Addr, size_t Size,
                         uint32_t Flags, SiteId Site) {
  bool Stored = (Flags & abi::AtomicWrites) && !(Flags & abi::AtomicCasFailed);
  access(T, Addr, Size, Stored, /*Atomic=*/true, Site);
  SpinLock *Stripe = T.AtomicStripe;
  if (!Stripe) {
    if ((Flags & abi::AtomicReads) && Released.mayContain(Addr)) {
      T.RecentRelaxedLoads[T.RecentLoadIndex++ % ThreadState::RecentLoadCount] =
          Addr;
    }
    return;
  }
  T.AtomicStripe = nullptr;
  {
    RuntimeScope Busy(T);
    SyncObject &S = Syncs.get(Addr);
    SpinGuard Guard(S.Lock);
    bool IsRmw = (Flags & abi::AtomicReads) && (Flags & abi::AtomicWrites);
    if (Flags & abi::AtomicReads) {
      if (isAcquire(Flags))
        T.Clock_.join(S.Clock);
      else
        T.RecentRelaxedLoads[T.RecentLoadIndex++ %
                             ThreadState::RecentLoadCount] = Addr;
    }
    if (Stored) {
      const VectorClock *Published =
          isRelease(Flags) ? &T.Clock_
                           : (T.FenceRelease ? &*T.FenceRelease : nullptr);
      if (IsRmw) {
        if (Published)
          S.Clock.join(*Published);
      } else if (Published) {
        S.Clock = *Published;
      } else {
        // A plain store ends the release sequence of whatever came before.
        S.Clock.clear();
      }
    }
  }
  Stripe->unlock();
  if (Stored && isRelease(Flags))
    T.tick();
}

void Detector::fence(ThreadState &T, uint32_t Flags) {
  RuntimeScope Busy(T);
  if (isAcquire(Flags)) {
    // Pairs with the releases read by the relaxed loads before the fence.
    for (uintptr_t &Addr : T.RecentRelaxedLoads) {
      if (!Addr)
        continue;
      if (SyncObject *S = Syncs.find(Addr)) {
        SpinGuard Guard(S->Lock);
        T.Clock_.join(S->Clock);
      }
      Addr = 0;
    }
  }
  if (isRelease(Flags)) {
    T.FenceRelease = T.Clock_;
    T.tick();
  }
}

} // namespace racegate

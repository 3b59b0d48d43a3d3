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

// --- Memory ----------------------------------------------------------------

void Detector::allocated(ThreadState &T, uintptr_t Addr, size_t Size,
                         SiteId Site) {
  RuntimeScope Busy(T);
  // A block the program allocated starts with the allocation's write. One
  // the thread library allocated for itself (no instrumented call leads to
  // it: its interceptors take the call site) starts empty: it is handed
  // between threads under locks no hook sees.
  if (Site) {
    T.LastAccessEpochBits = T.EpochBits;
    Shadow.resetTo(Addr, Size, AccessWord::fresh(T.EpochBits).bits(),
                   placeOf(T, Site, Addr, granulesSpanned(Addr, Size)));
  } else {
    Shadow.reset(Addr, Size);
  }
  Heap.add({Addr, Size, T.Id, T.Stack.current(Stacks), Site});
}

void Detector::freed(uintptr_t Addr, size_t Size) {
  Heap.remove(Addr);
  Shadow.reset(Addr, Size);
  forgetSyncObjects(Addr, Size);
}

void Detector::forgetSyncObjects(uintptr_t Addr, size_t Size) {
  // Locks and atomics that lived in the block are gone; a new one at the
  // same address must not inherit their clocks or lock-order edges. Almost
  // no block ever held one, which the table can tell without a lock.
  if (!Syncs.mayHoldIn(Addr, Addr + Size))
    return;
  Syncs.eraseRange(Addr, Addr + Size);
  LockOrder.forgetRange(Addr, Addr + Size);
  forgetDestroyed(Addr, Addr + Size);
}

// --- Synchronization -------------------------------------------------------

void Detector::acquire(ThreadState &T, uintptr_t Sync) {
  RuntimeScope Busy(T);
  {
    SyncObject &S = Syncs.get(Sync);
    SpinGuard Guard(S.Lock);
    T.Clock_.join(S.Clock);
  }
  clockGrew(T);
}

// --- The happens-before frontier (see HappensBeforeFrontier.h) -------------

void Detector::publishClock(ThreadState &T) {
  size_t N = std::min<size_t>(T.Clock_.size(), HappensBeforeFrontier::Slots);
  for (size_t I = 0; I < N; ++I)
    T.Published.Entries[I].store(T.Clock_.get(Tid(I)),
                                 std::memory_order_relaxed);
  if (N > T.Published.Size.load(std::memory_order_relaxed))
    T.Published.Size.store(unsigned(N), std::memory_order_release);
}

void Detector::clockGrew(ThreadState &T) {
  publishClock(T);
  if (++T.Published.SinceRecompute >= RecomputeEvery)
    recomputeFrontier(T);
}

void Detector::recomputeFrontier(ThreadState &T) {
  T.Published.SinceRecompute = 0;
  // A signal handler that interrupted the runtime on this thread may find
  // the thread list locked by the code it interrupted: it leaves the work
  // to later. One thread at a time; the others go on, the frontier is only
  // a help.
  if (T.InRuntime > 1 || !FrontierLock.try_lock())
    return;
  Clock Min[HappensBeforeFrontier::Slots];
  size_t Slots = 0;
  {
    SpinGuard Guard(ThreadsLock);
    // The cost is live threads times slots: past a few hundred threads the
    // frontier stays where it is, which is always safe.
    if (Threads.size() <= MaxFrontierThreads)
      Slots = std::min<size_t>(Threads.size(), HappensBeforeFrontier::Slots);
    for (size_t I = 0; I < Slots; ++I)
      Min[I] = ~Clock(0);
    for (const auto &Th : Threads) {
      if (Th->Ended)
        continue;
      unsigned Size = Th->Published.Size.load(std::memory_order_acquire);
      for (size_t I = 0; I < Slots; ++I) {
        Clock C = I < Size ? Th->Published.Entries[I].load(
                                 std::memory_order_relaxed)
                           : 0;
        if (C < Min[I])
          Min[I] = C;
      }
    }
  }
  for (size_t I = 0; I < Slots; ++I)
    if (Min[I] != ~Clock(0))
      Frontier.raise(Tid(I), Min[I]);
  FrontierLock.unlock();
}

void Detector::release(ThreadState &T, uintptr_t Sync) {
  RuntimeScope Busy(T);
  SyncObject &S = Syncs.get(Sync);
  {
    SpinGuard Guard(S.Lock);
    S.clocksChanged();
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
  bool RelaxedRead = (Flags & abi::AtomicReads) && !isAcquire(Flags);
  if (!Stripe) {
    if (RelaxedRead && Released.mayContain(Addr))
      noteRelaxedLoad(T, Addr);
    return;
  }
  T.AtomicStripe = nullptr;
  bool IsRmw = (Flags & abi::AtomicReads) && (Flags & abi::AtomicWrites);
  {
    RuntimeScope Busy(T);
    SyncObject &S = Syncs.get(Addr);
    // The stripe keeps a store to this variable and its clocks together,
    // so the epoch read here is the one of the store the load read.
    if (!Stored && isAcquire(Flags) && knowsSoleRelease(T, S, !IsRmw)) {
      Stripe->unlock();
      return;
    }
    SpinGuard Guard(S.Lock);
    if ((Flags & abi::AtomicReads) && isAcquire(Flags)) {
      T.Clock_.join(S.Clock);
      // Not clockGrew: the object's lock is held.
      publishClock(T);
      // A plain load waits for a value (a latch's zero, a flag): whatever
      // the schedule, it reads it only after the releases that made it.
      // A read-modify-write that acquires takes something (a spinlock, a
      // ticket) that another schedule gives to another thread first.
      if (!IsRmw)
        T.LifeClock.join(S.LifeClock);
    }
    if (Stored) {
      S.clocksChanged();
      if (!isRelease(Flags) && !IsRmw)
        S.LifeClock.clear();
      else if (isRelease(Flags)) {
        if (!IsRmw)
          S.LifeClock.clear();
        T.publishLifeClock(S.LifeClock);
      }
      const VectorClock *Published =
          isRelease(Flags) ? &T.Clock_
                           : (T.FenceRelease ? &*T.FenceRelease : nullptr);
      if (IsRmw) {
        if (Published)
          S.Clock.join(*Published);
      } else if (Published) {
        S.Clock = *Published;
        if (isRelease(Flags))
          S.SoleRelease.store(T.EpochBits, std::memory_order_relaxed);
      } else {
        // A plain store ends the release sequence of whatever came before.
        S.Clock.clear();
      }
    }
  }
  Stripe->unlock();
  if (RelaxedRead)
    noteRelaxedLoad(T, Addr);
  if (Stored && isRelease(Flags))
    T.tick();
}

void Detector::noteRelaxedLoad(ThreadState &T, uintptr_t Addr) {
  // Spin loops read one flag over and over: one entry is enough for it.
  for (unsigned I = 0; I < T.RelaxedLoadCount; ++I)
    if (T.RelaxedLoads[I] == Addr)
      return;
  if (T.RelaxedLoadCount == ThreadState::RelaxedLoadListSize) {
    // A signal handler that interrupted this thread between the halves of
    // an atomic operation must not wait for a stripe the thread holds.
    if (T.AtomicStripe || T.InRuntime)
      return;
    if (!T.FenceAcquired)
      T.FenceAcquired.emplace();
    foldRelaxedLoads(T, *T.FenceAcquired);
  }
  T.RelaxedLoads[T.RelaxedLoadCount++] = Addr;
}

void Detector::foldRelaxedLoads(ThreadState &T, VectorClock &Into) {
  RuntimeScope Busy(T);
  for (unsigned I = 0; I < T.RelaxedLoadCount; ++I) {
    uintptr_t Addr = T.RelaxedLoads[I];
    // The load ran without the stripe, so the store it read may still be
    // publishing its clock: the storer holds the stripe from before its
    // store until the clock is in place, so waiting for it here pairs the
    // load with that store's clock and not an older one.
    SpinGuard Publishing(stripeFor(Addr));
    if (SyncObject *S = Syncs.find(Addr)) {
      SpinGuard Guard(S->Lock);
      Into.join(S->Clock);
    }
  }
  T.RelaxedLoadCount = 0;
}

void Detector::fence(ThreadState &T, uint32_t Flags) {
  RuntimeScope Busy(T);
  if (isAcquire(Flags)) {
    // Pairs with the releases read by the relaxed loads before the fence
    // (later, if this is a signal handler inside an atomic operation).
    if (!T.AtomicStripe)
      foldRelaxedLoads(T, T.Clock_);
    if (T.FenceAcquired) {
      T.Clock_.join(*T.FenceAcquired);
      T.FenceAcquired.reset();
      publishClock(T);
    }
  }
  if (isRelease(Flags)) {
    T.FenceRelease = T.Clock_;
    T.tick();
  }
}

} // namespace racegate

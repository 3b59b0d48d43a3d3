//===- Detector.cpp - threads, synchronization and memory lifecycle -------===//
#include "Detector.h"

#include "racegate/RuntimeAbi.h"

namespace racegate {

Detector::Detector(FindingSink &Sink) : Sink(Sink) {}
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
  SpinGuard Guard(T.Lock);
  T.Finished = true;
  T.FinalClock = T.Clock_;
}

void Detector::threadJoined(ThreadState &Joiner, Tid Child) {
  ThreadState *C = thread(Child);
  if (!C)
    return;
  RuntimeScope Busy(Joiner);
  SpinGuard Guard(C->Lock);
  Joiner.Clock_.join(C->Finished ? C->FinalClock : C->Clock_);
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

void Detector::mutexLocked(ThreadState &T, uintptr_t Mutex, SiteId Site,
                           bool Exclusive) {
  RuntimeScope Busy(T);
  {
    SyncObject &S = Syncs.get(Mutex);
    SpinGuard Guard(S.Lock);
    T.Clock_.join(S.Clock);
    if (Exclusive)
      T.Clock_.join(S.ReadClock);
  }
  T.Held.push_back({Mutex, T.Stack.current(Stacks), Site, Exclusive});
}

void Detector::mutexUnlocked(ThreadState &T, uintptr_t Mutex) {
  RuntimeScope Busy(T);
  bool Exclusive = true;
  for (size_t I = T.Held.size(); I-- > 0;)
    if (T.Held[I].Address == Mutex) {
      Exclusive = T.Held[I].Exclusive;
      T.Held.erase(T.Held.begin() + I);
      break;
    }
  {
    SyncObject &S = Syncs.get(Mutex);
    SpinGuard Guard(S.Lock);
    (Exclusive ? S.Clock : S.ReadClock).join(T.Clock_);
  }
  T.tick();
}

void Detector::mutexDestroyed(uintptr_t Mutex) { Syncs.erase(Mutex); }

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
    noteReleased(Addr);
  bool Synchronizes = order(Flags) != abi::OrderRelaxed ||
                      (Stores && (T.FenceRelease || mayHaveReleased(Addr)));
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
    if ((Flags & abi::AtomicReads) && mayHaveReleased(Addr)) {
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

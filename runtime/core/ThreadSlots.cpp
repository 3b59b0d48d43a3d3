//===- ThreadSlots.cpp - threads, and the slots they take in vector clocks ===//
//
// A thread is an index (a slot) in every vector clock and in every shadow
// access word, which has 16 bits for it. Slots are recycled so that any
// number of threads over a run is checked, and so that clocks stay as small
// as the number of threads alive at once (creating a thread copies its
// parent's clock).
//
// A slot is taken over only when that cannot hide a race: its thread has
// ended and been joined, and the creator's clock covers the slot's final
// epoch, so everything the old thread did happens before everything the new
// one will do. The new thread continues the slot's clock from there, so the
// epochs of a slot only grow and an old access in the shadow is compared
// correctly with every thread's clock. The usual join-then-create pattern
// finds the slot it just joined at the top of the free list.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"
#include "JsonWriter.h"

namespace racegate {

void ThreadState::recycle(Tid NewParent) {
  // The oldest is forgotten first: reports on its accesses then name the
  // slot without saying where its thread was created.
  if (PastCount == PastThreadsKept) {
    std::move(Past + 1, Past + PastThreadsKept, Past);
    --PastCount;
  }
  Past[PastCount++] = {StartClock, FinalEpoch, Parent, CreationStack,
                       CreationSite};
  Parent = NewParent;
  ++Incarnation;
  EpochBits = 0;
  LifeClock.clear();
  Stack.restart();
  CreationStack = 0;
  CreationSite = 0;
  Held.clear();
  LocksetId = 0;
  LocksetDirty = false;
  AtomicStripe = nullptr;
  FenceRelease.reset();
  RelaxedLoadCount = 0;
  FenceAcquired.reset();
  PendingPrimitive = 0;
  PendingPrimitiveObject = 0;
  TryFailures = 0;
  FirstTryFailureNs = LastTryFailureNs = 0;
  StackLow = StackHigh = 0;
  InRuntime = 0;
  LastAccessEpochBits = 0;
  Free = false;
  // A row the old thread published may be above what the new one knows.
  Published.clear();
  Detached = false;
  Ended = false;
  SpinGuard Guard(Lock);
  Wait = WaitState();
  Finished = false;
  FinalClock.clear();
  FinalLifeClock.clear();
}

ThreadState *Detector::createMainThread() {
  SpinGuard Guard(ThreadsLock);
  Threads.push_back(std::make_unique<ThreadState>(0, std::nullopt));
  ThreadState &Main = *Threads.back();
  Main.Stack.startHistory(Stacks, HistoryEvents);
  Main.tick();
  return &Main;
}

ThreadState *Detector::takeSlot(ThreadState &Parent) {
  SpinGuard Guard(ThreadsLock);
  auto Covered = [&](Tid Slot) {
    return Parent.Clock_.get(Slot) >= Threads[Slot]->CoverEpoch;
  };
  // The most recently freed slots first. While fresh slots remain, only a
  // few are looked at, so creation stays O(1); once they are gone, all.
  size_t Count = FreeSlots.size();
  size_t Look = Threads.size() < SlotLimit ? std::min<size_t>(Count, 8) : Count;
  for (size_t I = 0; I < Look; ++I) {
    size_t At = Count - 1 - I;
    Tid Slot = FreeSlots[At];
    if (!Covered(Slot))
      continue;
    FreeSlots.erase(FreeSlots.begin() + At);
    ThreadState &T = *Threads[Slot];
    if (T.Stack.holdsMemory() && RetainedStacks > 0)
      --RetainedStacks;
    T.recycle(Parent.Id);
    return &T;
  }
  if (Threads.size() >= SlotLimit)
    return nullptr;
  Threads.push_back(
      std::make_unique<ThreadState>(Tid(Threads.size()), Parent.Id));
  Threads.back()->Stack.startHistory(Stacks, HistoryEvents);
  return Threads.back().get();
}

ThreadState *Detector::createThread(ThreadState &Parent, SiteId CreateSite) {
  RuntimeScope Busy(Parent);
  ThreadState *Child = takeSlot(Parent);
  if (!Child) {
    reportUncheckedThread();
    return nullptr;
  }
  Child->CreationStack = Parent.Stack.current(Stacks);
  Child->CreationSite = CreateSite;
  Child->Clock_ = Parent.Clock_;
  // Above the slot's final epoch: the parent's clock covers the old
  // thread's last access, perhaps not the epochs after it, which hold none.
  if (Child->Clock_.get(Child->Id) < Child->FinalEpoch)
    Child->Clock_.set(Child->Id, Child->FinalEpoch);
  Child->tick();
  Child->StartClock = Child->Clock_.get(Child->Id);
  publishClock(*Child);
  Child->LifeClock = Parent.LifeClock;
  Child->LifeClock.set(Parent.Id, Parent.Clock_.get(Parent.Id));
  Parent.tick();
  publishClock(Parent);
  recomputeFrontier(Parent);
  return Child;
}

void Detector::reportUncheckedThread() {
  {
    SpinGuard Guard(ThreadsLock);
    ++UncheckedThreads;
    if (UncheckedThreads != 1)
      return;
  }
  JsonWriter J;
  J.beginObject().key("type").value("warning");
  J.key("kind").value("threads_unchecked");
  J.key("message").value(
      "more than " + std::to_string(SlotLimit) +
      " threads were alive or ended without being joined at once: threads "
      "created while that lasted are not checked for races");
  J.endObject();
  Sink.emit(J.str());
}

void Detector::threadStarted(ThreadState &T, uintptr_t StackLow,
                             uintptr_t StackHigh) {
  T.StackLow = StackLow;
  T.StackHigh = StackHigh;
  if (StackHigh > StackLow)
    Shadow.resetSparse(StackLow, StackHigh - StackLow);
}

void Detector::threadFinished(ThreadState &T) {
  RuntimeScope Busy(T);
  for (const HeldLock &L : T.Held)
    reportLockLeak(T, L);
  Shadow.cellSets().flush(T.CellSets);
  {
    SpinGuard Guard(T.Lock);
    T.Finished = true;
    // Only a join still needs the clocks; the running ones are done.
    T.FinalLifeClock = std::move(T.LifeClock);
    T.FinalLifeClock.set(T.Id, T.Clock_.get(T.Id));
    T.FinalClock = std::move(T.Clock_);
    T.Clock_ = VectorClock();
  }
  SpinGuard Guard(ThreadsLock);
  T.FinalEpoch = T.FinalClock.get(T.Id);
  T.CoverEpoch = AccessWord(T.LastAccessEpochBits).clock();
  T.Ended = true;
  freeDetachedSlot(T);
  // Nothing runs on this thread any more (the runtime stops attributing
  // events to it). Its shadow call stack's memory is kept for the thread
  // that takes the slot over, but only for a bounded number of slots:
  // threads that are never joined would keep theirs forever.
  if (RetainedStacks < MaxRetainedStacks && T.Stack.holdsMemory()) {
    T.Stack.restart();
    ++RetainedStacks;
  } else {
    T.Stack.release();
  }
}

size_t Detector::cellSetsInUse() {
  SpinGuard Guard(ThreadsLock);
  size_t Free = 0;
  for (const auto &T : Threads)
    Free += T->CellSets.count();
  return Shadow.cellSets().handedOut() - Free;
}

void Detector::threadNeverStarted(ThreadState &Parent, ThreadState &Child) {
  threadFinished(Child);
  // Nothing ran in the slot: the parent may as well have joined it.
  threadJoined(Parent, Child.Id);
}

void Detector::threadJoined(ThreadState &Joiner, Tid Child) {
  ThreadState *C = thread(Child);
  if (!C)
    return;
  RuntimeScope Busy(Joiner);
  bool Ended;
  {
    SpinGuard Guard(C->Lock);
    Joiner.Clock_.join(C->Finished ? C->FinalClock : C->Clock_);
    Joiner.LifeClock.join(C->FinalLifeClock);
    Ended = C->Finished;
    // A thread is joined once: its clocks are not needed again.
    if (Ended) {
      C->FinalClock.clear();
      C->FinalLifeClock.clear();
    }
  }
  publishClock(Joiner);
  if (!Ended)
    return;
  recomputeFrontier(Joiner);
  // The joiner's clock now covers the slot's final epoch: a thread it (or
  // any thread after it) creates may take the slot.
  SpinGuard Guard(ThreadsLock);
  if (!C->Free && Child != 0) {
    C->Free = true;
    FreeSlots.push_back(Child);
  }
}

void Detector::freeDetachedSlot(ThreadState &T) {
  if (T.Detached && T.Ended && !T.Free && T.Id != 0) {
    T.Free = true;
    FreeSlots.push_back(T.Id);
  }
}

void Detector::threadDetached(Tid Child) {
  ThreadState *C = thread(Child);
  if (!C)
    return;
  SpinGuard Guard(ThreadsLock);
  C->Detached = true;
  freeDetachedSlot(*C);
}

void Detector::forkedChild(ThreadState *Survivor) {
  Shadow.cellSets().forkedChild();
  SpinGuard Guard(ThreadsLock);
  for (const auto &T : Threads)
    if (T.get() != Survivor) {
      // Whatever the other threads did before the fork is in the child's
      // memory already: the surviving thread comes after all of it, and
      // their slots are free for the child's threads.
      const VectorClock &Last = T->Finished ? T->FinalClock : T->Clock_;
      if (!T->Finished) {
        T->FinalEpoch = Last.get(T->Id);
        T->CoverEpoch = T->FinalEpoch;
        // Its shadow call stack is kept like a finished thread's.
        if (T->Stack.holdsMemory())
          ++RetainedStacks;
      }
      if (Survivor) {
        Survivor->Clock_.join(Last);
        Survivor->Clock_.set(T->Id, std::max(Survivor->Clock_.get(T->Id),
                                             T->FinalEpoch));
      }
      T->Finished = true;
      T->Ended = true;
      T->Wait = WaitState();
      T->Held.clear();
      // The thread may have been in the middle of its list of free
      // records: they are lost, rather than trusted half-linked.
      T->CellSets = CellSetCache();
      if (!T->Free && T->Id != 0 && Survivor) {
        T->Free = true;
        FreeSlots.push_back(T->Id);
      }
    }
  if (Survivor)
    publishClock(*Survivor);
}

ThreadState *Detector::thread(Tid Id) {
  SpinGuard Guard(ThreadsLock);
  return Id < Threads.size() ? Threads[Id].get() : nullptr;
}

} // namespace racegate

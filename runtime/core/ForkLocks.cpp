//===- ForkLocks.cpp - every lock of the detector, for fork() -------------===//
//
// fork() copies only the calling thread: a lock another thread held at that
// moment stays held forever in the child. The runtime therefore holds every
// lock of the detector across fork(); this lists them.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"

namespace racegate {

bool Detector::forEachLock(bool (*Visit)(SpinLock &, void *), void *Context) {
  auto Offer = [&](SpinLock &L) { return Visit(L, Context); };
  // The thread list and the objects are what other locks are taken inside
  // of; the registries and the depot are taken last by everything.
  if (!Offer(FrontierLock) || !Offer(ThreadsLock))
    return false;
  for (const auto &T : Threads)
    if (!Offer(T->Lock))
      return false;
  if (!Syncs.forEachLock(Offer))
    return false;
  for (SpinLock &Stripe : AtomicStripes)
    if (!Offer(Stripe))
      return false;
  return LockOrder.forEachLock(Offer) && Locksets.forEachLock(Offer) &&
         Races.forEachLock(Offer) && Offer(ReportedLock) && Offer(DestroyedLock) &&
         Heap.forEachLock(Offer) && Sites.forEachLock(Offer) &&
         Shadow.cellSets().forEachLock(Offer) && Stacks.forEachLock(Offer);
}

} // namespace racegate

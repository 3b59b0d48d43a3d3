//===- LockLifetime.cpp - locks whose memory is freed or initialized again ===//
//
// std::mutex has a trivial destructor, so a mutex that dies with the object
// around it makes no destroy call: freeing memory that holds a locked lock
// is how such a destroy shows. Initializing a lock again at an address
// where one lives ends the old one: it is no longer held by anyone, so
// locking the new one is no relock.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"
#include "JsonWriter.h"

namespace racegate {

namespace {
/// Whether \p S is locked, and by whom (NoOwner when only readers hold it).
bool isHeld(SyncObject &S, Tid &Owner) {
  SpinGuard Guard(S.Lock);
  Owner = S.Owner;
  return S.Owner != SyncObject::NoOwner || !S.Readers.empty();
}
} // namespace

void Detector::locksFreed(ThreadState &T, uintptr_t Addr, size_t Size,
                          SiteId Site) {
  // Almost no block holds a lock, which the table tells without a lock.
  if (Size == 0 || !Syncs.mayHoldIn(Addr, Addr + Size))
    return;
  RuntimeScope Busy(T);
  // Locks are at least pointer-aligned; a huge block is looked at in part.
  constexpr size_t ScanLimit = 64 * 1024;
  uintptr_t End = Addr + (Size < ScanLimit ? Size : ScanLimit);
  for (uintptr_t A = (Addr + 7) & ~uintptr_t(7); A < End; A += 8) {
    SyncObject *S = Syncs.find(A);
    Tid Owner;
    if (!S || !isHeld(*S, Owner))
      continue;
    if (firstReport("destroy_locked", Site))
      reportMisuse(T, "destroy_locked", A, Site,
                   "frees memory holding lock " + hexAddress(A) +
                       ", which is still locked",
                   Owner == SyncObject::NoOwner ? T.Id : Owner, nullptr);
    if (holdsLock(T, A))
      forgetHeld(T, A);
  }
}

void Detector::lockInitialized(ThreadState &T, uintptr_t Lock, SiteId Site,
                               std::string_view Call) {
  RuntimeScope Busy(T);
  forgetDestroyed(Lock, Lock + 1);
  SyncObject *S = Syncs.find(Lock);
  Tid Owner;
  if (!S || !isHeld(*S, Owner))
    return;
  if (firstReport("sync_reinit", Site))
    reportMisuse(T, "sync_reinit", Lock, Site,
                 "calls " + std::string(Call) + " on lock " +
                     hexAddress(Lock) + ", which is still locked",
                 Owner == SyncObject::NoOwner ? T.Id : Owner, nullptr);
  // The new lock is free; what the old one ordered stays in its clock.
  {
    SpinGuard Guard(S->Lock);
    S->Owner = SyncObject::NoOwner;
    S->Recursion = 0;
    S->Readers.clear();
  }
  if (holdsLock(T, Lock))
    forgetHeld(T, Lock);
  LockOrder.forgetRange(Lock, Lock + 1);
}

} // namespace racegate

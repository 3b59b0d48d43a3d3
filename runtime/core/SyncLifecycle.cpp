//===- SyncLifecycle.cpp - objects used dead, destroyed or reset busy -----===//
//
// A mutex, rwlock or condition variable lives from its initialization to
// its destroy. Using it outside that life (lock, unlock, wait, notify) is
// undefined: glibc may fail the call, hang in it or corrupt the next object
// at that address. Destroying or initializing an object that threads still
// wait in strands them. The shim tells from the object's bytes whether it
// is alive (it knows glibc's layout); the detector remembers where each
// object was destroyed, for the report, and who waits where.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"
#include "JsonWriter.h"

namespace racegate {

void Detector::syncDestroyed(ThreadState &T, uintptr_t Object, SiteId Site) {
  RuntimeScope Busy(T);
  StackId Stack = T.Stack.current(Stacks);
  SpinGuard Guard(DestroyedLock);
  Destroyed[Object] = {T.Id, Site, Stack};
}

void Detector::forgetDestroyed(uintptr_t Begin, uintptr_t End) {
  SpinGuard Guard(DestroyedLock);
  if (Destroyed.empty())
    return;
  Destroyed.erase(Destroyed.lower_bound(Begin), Destroyed.lower_bound(End));
}

bool Detector::deadSyncUsed(ThreadState &T, uintptr_t Object, SiteId Site,
                            std::string_view Call, SyncHealth Health) {
  RuntimeScope Busy(T);
  std::optional<DestroyRecord> Record;
  {
    SpinGuard Guard(DestroyedLock);
    auto It = Destroyed.find(Object);
    if (It != Destroyed.end()) {
      if (Health == SyncHealth::Destroyed)
        Record = It->second;
      else
        Destroyed.erase(It); // the memory holds something else now
    }
  }
  if (Health == SyncHealth::Live || !firstReport("lock_destroyed", Site))
    return Health != SyncHealth::Live;
  std::string State = Health == SyncHealth::Destroyed
                          ? "which was destroyed"
                          : "which was never initialized";
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value(
      "lock_destroyed");
  J.key("stacks").beginArray();
  J.beginObject().key("thread").value(uint64_t(T.Id));
  J.key("description")
      .value("thread " + std::to_string(T.Id) + " calls " +
             std::string(Call) + " on " + hexAddress(Object) + ", " + State);
  J.key("frames");
  writeStack(J, frames(Site, T.Stack.current(Stacks)));
  J.endObject();
  std::vector<Tid> Ids{T.Id};
  if (Record) {
    J.beginObject().key("thread").value(uint64_t(Record->Thread));
    J.key("description")
        .value("thread " + std::to_string(Record->Thread) + " destroyed " +
               hexAddress(Object) + " here");
    J.key("frames");
    writeStack(J, frames(Record->Site, Record->Stack));
    J.endObject();
    if (Record->Thread != T.Id)
      Ids.push_back(Record->Thread);
  }
  J.endArray();
  writeThreads(J, Ids);
  J.key("misuse").beginObject().key("object").address(Object);
  J.key("call").value(Call);
  J.key("state").value(Health == SyncHealth::Destroyed ? "destroyed"
                                                       : "uninitialized");
  J.endObject().endObject();
  Sink.emit(J.str());
  return true;
}

unsigned Detector::threadsWaitingOn(WaitKind Kind, uintptr_t Object) {
  unsigned Count = 0;
  for (const WaitSnapshot &W : snapshotThreads())
    if (W.Wait.Kind == Kind && W.Wait.Object == Object)
      ++Count;
  return Count;
}

bool Detector::condDestroyedBusy(ThreadState &T, uintptr_t Cond,
                                 SiteId Site) {
  RuntimeScope Busy(T);
  unsigned Blocked = 0;
  if (SyncObject *S = Syncs.find(Cond)) {
    SpinGuard Guard(S->Lock);
    // Woken waiters only wait to take the mutex back: destroying the
    // condition variable then is allowed.
    Blocked = S->Waiters - S->WokenWaiters;
  }
  if (Blocked == 0)
    return false;
  reportCallMisuse(T, "condvar_destroy_busy", Cond, Site,
                   "destroys condition variable " + hexAddress(Cond) +
                       " while " + std::to_string(Blocked) +
                       (Blocked == 1 ? " thread waits" : " threads wait") +
                       " on it",
                   "pthread_cond_destroy", {}, Blocked);
  return true;
}

void Detector::condInitialized(ThreadState &T, uintptr_t Cond, SiteId Site) {
  RuntimeScope Busy(T);
  forgetDestroyed(Cond, Cond + 1);
  unsigned Blocked = 0;
  if (SyncObject *S = Syncs.find(Cond)) {
    SpinGuard Guard(S->Lock);
    Blocked = S->Waiters - S->WokenWaiters;
  }
  if (Blocked > 0)
    reportCallMisuse(T, "sync_reinit", Cond, Site,
                     "initializes condition variable " + hexAddress(Cond) +
                         " again while " + std::to_string(Blocked) +
                         (Blocked == 1 ? " thread waits" : " threads wait") +
                         " on it",
                     "pthread_cond_init", {}, Blocked);
}

bool Detector::barrierBusy(ThreadState &T, uintptr_t Barrier, SiteId Site,
                           std::string_view Call) {
  RuntimeScope Busy(T);
  unsigned Waiting = 0;
  if (SyncObject *S = Syncs.find(Barrier)) {
    SpinGuard Guard(S->Lock);
    Waiting = S->BarrierArrived;
  }
  if (Waiting == 0)
    return false;
  bool Init = Call == "pthread_barrier_init";
  reportCallMisuse(T, "barrier_misuse", Barrier, Site,
                   std::string(Init ? "initializes barrier " : "destroys barrier ") +
                       hexAddress(Barrier) + (Init ? " again" : "") +
                       " while " + std::to_string(Waiting) +
                       (Waiting == 1 ? " thread waits" : " threads wait") +
                       " at it",
                   Call, {}, Waiting);
  return true;
}

void Detector::semaphoreInitialized(ThreadState &T, uintptr_t Semaphore,
                                    unsigned Value, SiteId Site) {
  RuntimeScope Busy(T);
  unsigned Waiting = threadsWaitingOn(WaitKind::Semaphore, Semaphore);
  if (Waiting > 0)
    reportCallMisuse(T, "sync_reinit", Semaphore, Site,
                     "initializes semaphore " + hexAddress(Semaphore) +
                         " again while " + std::to_string(Waiting) +
                         (Waiting == 1 ? " thread waits" : " threads wait") +
                         " on it",
                     "sem_init", {}, Waiting);
  SyncObject &S = Syncs.get(Semaphore);
  SpinGuard Guard(S.Lock);
  S.SemaphoreInitial = Value;
  S.clocksChanged();
  S.LifeClock.clear();
  S.LifePublished = false;
}

} // namespace racegate

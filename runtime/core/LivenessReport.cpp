//===- LivenessReport.cpp - finding records for locks, waits and hangs ----===//
#include "Detector.h"
#include "JsonWriter.h"
#include "racegate/RuntimeAbi.h"

#include <algorithm>

namespace racegate {

namespace {

const char *waitKindName(WaitKind K) {
  switch (K) {
  case WaitKind::None:
    return "none";
  case WaitKind::Mutex:
    return "lock";
  case WaitKind::ReadLock:
    return "read_lock";
  case WaitKind::Join:
    return "join";
  case WaitKind::CondVar:
    return "condition_variable";
  case WaitKind::Semaphore:
    return "semaphore";
  case WaitKind::Barrier:
    return "barrier";
  case WaitKind::Futex:
    return "futex";
  }
  return "none";
}


std::string describeWait(const WaitState &W) {
  switch (W.Kind) {
  case WaitKind::Join:
    return "waits to join thread " + std::to_string(W.JoinTarget);
  case WaitKind::Mutex:
    return "waits for lock " + hexAddress(W.Object);
  case WaitKind::ReadLock:
    return "waits for read lock " + hexAddress(W.Object);
  case WaitKind::CondVar:
    return "waits on condition variable " + hexAddress(W.Object);
  case WaitKind::Semaphore:
    return "waits on semaphore " + hexAddress(W.Object);
  case WaitKind::Barrier:
    return "waits at barrier " + hexAddress(W.Object);
  case WaitKind::Futex:
    if (W.Primitive == abi::PrimitiveLatch)
      return "waits on std::latch " + hexAddress(W.PrimitiveObject);
    if (W.Primitive == abi::PrimitiveBarrier)
      return "waits at std::barrier " + hexAddress(W.PrimitiveObject);
    return "waits on futex word " + hexAddress(W.Object) +
           " (std::counting_semaphore, std::atomic::wait or another "
           "header-only primitive)";
  case WaitKind::None:
    break;
  }
  return "is running";
}

/// Writes one entry of a finding's "stacks" array.
template <typename FramesFn>
void stackEntry(JsonWriter &J, Tid Thread, std::string_view Description,
                FramesFn &&WriteFrames) {
  J.beginObject().key("thread").value(uint64_t(Thread));
  J.key("description").value(Description).key("frames");
  WriteFrames();
  J.endObject();
}

} // namespace

std::optional<ThreadState::PastThread> Detector::threadAt(Tid Id,
                                                         Clock At) {
  SpinGuard Guard(ThreadsLock);
  if (Id >= Threads.size())
    return std::nullopt;
  const ThreadState &Th = *Threads[Id];
  if (At >= Th.StartClock)
    return ThreadState::PastThread{Th.StartClock, 0, Th.Parent,
                                   Th.CreationStack, Th.CreationSite};
  // A slot taken over since: the access was an earlier thread's.
  for (unsigned I = Th.PastCount; I-- > 0;)
    if (Th.Past[I].Start <= At && At <= Th.Past[I].End)
      return Th.Past[I];
  return ThreadState::PastThread{};
}

void Detector::writeThreads(JsonWriter &J, const std::vector<Tid> &Ids,
                            std::optional<std::pair<Tid, Clock>> Earlier) {
  std::vector<Tid> Unique;
  for (Tid Id : Ids)
    if (std::find(Unique.begin(), Unique.end(), Id) == Unique.end())
      Unique.push_back(Id);
  J.key("threads").beginArray();
  for (Tid Id : Unique) {
    Clock At = Earlier && Earlier->first == Id ? Earlier->second : ~Clock(0);
    std::optional<ThreadState::PastThread> Th = threadAt(Id, At);
    if (!Th)
      continue;
    J.beginObject().key("id").value(uint64_t(Id)).key("parent");
    if (Th->Parent)
      J.value(uint64_t(*Th->Parent));
    else
      J.null();
    J.key("creation_stack");
    writeStack(J, Th->Parent ? frames(Th->CreationSite, Th->CreationStack)
                             : std::vector<Frame>());
    J.endObject();
  }
  J.endArray();
}

void Detector::writeWait(JsonWriter &J, const WaitSnapshot &W) {
  J.beginObject().key("thread").value(uint64_t(W.Thread->Id));
  J.key("waits_for").value(waitKindName(W.Wait.Kind));
  J.key("object").address(W.Wait.Object);
  if (W.Wait.Kind == WaitKind::Join)
    J.key("join_target").value(uint64_t(W.Wait.JoinTarget));
  J.key("timed").value(W.Wait.Timed);
  J.key("waiting_ms").value((Now() - W.Wait.SinceNs) / 1000000);
  J.key("holds").beginArray();
  for (const HeldLock &H : W.Held)
    J.address(H.Address);
  J.endArray().endObject();
}

void Detector::reportMisuse(ThreadState &T, std::string_view Kind,
                            uintptr_t Lock, SiteId Site, std::string_view What,
                            Tid Other, const HeldLock *OtherHeld) {
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value(Kind);
  J.key("stacks").beginArray();
  stackEntry(J, T.Id, "thread " + std::to_string(T.Id) + " " + std::string(What),
             [&] { writeStack(J, frames(Site, T.Stack.current(Stacks))); });
  if (OtherHeld)
    stackEntry(J, Other,
               "thread " + std::to_string(Other) + " acquired lock " +
                   hexAddress(Lock) + " here",
               [&] { writeStack(J, frames(OtherHeld->Site, OtherHeld->Stack)); });
  J.endArray();
  writeThreads(J, {T.Id, Other});
  J.key("misuse").beginObject().key("object").address(Lock);
  if (Other != T.Id)
    J.key("owner").value(uint64_t(Other));
  J.endObject().endObject();
  Sink.emit(J.str());
}

void Detector::reportSelfDeadlock(ThreadState &T, uintptr_t Lock, SiteId Site,
                                  bool Exclusive) {
  const HeldLock *Mine = nullptr;
  for (const HeldLock &H : T.Held)
    if (H.Address == Lock)
      Mine = &H;
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("deadlock");
  J.key("stacks").beginArray();
  std::string What = std::string(Exclusive ? "requests lock " : "requests read lock ") +
                     hexAddress(Lock) + " that it already holds" +
                     (Mine && !Mine->Exclusive ? " for reading" : "") +
                     ": it waits for itself";
  stackEntry(J, T.Id, What,
             [&] { writeStack(J, frames(Site, T.Stack.current(Stacks))); });
  if (Mine)
    stackEntry(J, T.Id, "lock " + hexAddress(Lock) + " acquired here",
               [&] { writeStack(J, frames(Mine->Site, Mine->Stack)); });
  J.endArray();
  writeThreads(J, {T.Id});
  J.key("deadlock").beginObject().key("threads").beginArray();
  J.beginObject().key("thread").value(uint64_t(T.Id));
  J.key("waits_for").value(Exclusive ? "lock" : "read_lock");
  J.key("object").address(Lock).key("owner").value(uint64_t(T.Id));
  J.key("holds").beginArray();
  for (const HeldLock &H : T.Held)
    J.address(H.Address);
  J.endArray().endObject().endArray().endObject().endObject();
  Sink.emit(J.str());
}

namespace {
const char *reasonName(NoDeadlockReason R) {
  switch (R) {
  case NoDeadlockReason::SingleThread:
    return "single_thread";
  case NoDeadlockReason::GateLock:
    return "gate_lock";
  case NoDeadlockReason::Ordered:
    return "ordered";
  }
  return "ordered";
}
} // namespace

void Detector::reportLockCycle(const LockCycle &Cycle) {
  const char *Kind =
      Cycle.Feasible ? "lock_order_inversion" : "lock_order_violation";
  // One report per set of sites: the same cycle is found again every time
  // one of its edges recurs.
  std::vector<std::string> Keys;
  for (const LockEdge &E : Cycle.Edges)
    Keys.push_back(std::string(Sites.location(E.FromSite)) + "->" +
                   std::string(Sites.location(E.ToSite)));
  std::sort(Keys.begin(), Keys.end());
  std::string Key = Kind;
  for (const std::string &K : Keys)
    Key += "\x1f" + K;
  {
    SpinGuard Guard(ReportedLock);
    if (!Reported.insert(Key).second)
      return;
  }
  JsonWriter J;
  J.beginObject().key("type").value("finding");
  J.key("kind").value(Kind).key("stacks").beginArray();
  std::vector<Tid> Ids;
  for (const LockEdge &E : Cycle.Edges) {
    Ids.push_back(E.Thread);
    stackEntry(J, E.Thread,
               "requests lock " + hexAddress(E.To) + " while holding lock " +
                   hexAddress(E.From),
               [&] { writeStack(J, frames(E.ToSite, E.ToStack)); });
    stackEntry(J, E.Thread, "acquired lock " + hexAddress(E.From) + " here",
               [&] { writeStack(J, frames(E.FromSite, E.FromStack)); });
  }
  J.endArray();
  writeThreads(J, Ids);
  J.key("cycle").beginArray();
  for (const LockEdge &E : Cycle.Edges) {
    J.beginObject().key("thread").value(uint64_t(E.Thread));
    J.key("holds").address(E.From).key("holds_exclusive").value(E.FromExclusive);
    J.key("requests").address(E.To);
    J.key("requests_exclusive").value(E.ToExclusive).endObject();
  }
  J.endArray();
  if (!Cycle.Feasible) {
    J.key("violation").beginObject().key("reason").value(
        reasonName(Cycle.Reason));
    if (Cycle.Reason == NoDeadlockReason::GateLock)
      J.key("gate").address(Cycle.Gate);
    J.endObject();
  }
  J.endObject();
  Sink.emit(J.str());
}

void Detector::reportLockLeak(ThreadState &T, const HeldLock &L) {
  if (!firstReport("lock_leak", L.Site))
    return;
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("lock_leak");
  J.key("stacks").beginArray();
  stackEntry(J, T.Id,
             "thread " + std::to_string(T.Id) + " ended holding lock " +
                 hexAddress(L.Address) + ", acquired here",
             [&] { writeStack(J, frames(L.Site, L.Stack)); });
  J.endArray();
  writeThreads(J, {T.Id});
  J.key("misuse").beginObject().key("object").address(L.Address);
  J.endObject().endObject();
  Sink.emit(J.str());
}

void Detector::reportDeadlock(const std::vector<WaitSnapshot> &Cycle) {
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("deadlock");
  J.key("stacks").beginArray();
  std::vector<Tid> Ids;
  for (const WaitSnapshot &W : Cycle) {
    Ids.push_back(W.Thread->Id);
    stackEntry(J, W.Thread->Id,
               "thread " + std::to_string(W.Thread->Id) + " " +
                   describeWait(W.Wait),
               [&] { writeStack(J, frames(W.Wait.Site, W.Wait.Stack)); });
  }
  for (const WaitSnapshot &W : Cycle)
    for (const HeldLock &H : W.Held)
      stackEntry(J, W.Thread->Id,
                 "thread " + std::to_string(W.Thread->Id) +
                     " holds lock " + hexAddress(H.Address) + ", acquired here",
                 [&] { writeStack(J, frames(H.Site, H.Stack)); });
  J.endArray();
  writeThreads(J, Ids);
  J.key("deadlock").beginObject().key("threads").beginArray();
  for (const WaitSnapshot &W : Cycle)
    writeWait(J, W);
  J.endArray().endObject().endObject();
  Sink.emit(J.str());
}

void Detector::reportStall(const std::vector<WaitSnapshot> &Threads) {
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("stall");
  J.key("stacks").beginArray();
  std::vector<Tid> Ids;
  struct LostWakeup {
    Tid Thread;
    StackId Stack;
    SiteId Site;
    uintptr_t Cond;
  };
  std::vector<LostWakeup> Lost;
  struct BarrierCount {
    uintptr_t Barrier;
    unsigned Arrived, Parties;
  };
  std::vector<BarrierCount> Barriers;
  // Counts the threads waiting at a barrier, remembers it for the record,
  // and says how many of its parties arrived.
  auto barrierArrivals = [&](uintptr_t Barrier, unsigned Parties,
                             auto &&WaitsThere) {
    unsigned Arrived = 0;
    for (const WaitSnapshot &O : Threads)
      Arrived += WaitsThere(O.Wait);
    if (std::none_of(Barriers.begin(), Barriers.end(),
                     [&](const BarrierCount &B) { return B.Barrier == Barrier; }))
      Barriers.push_back({Barrier, Arrived, Parties});
    return "; " + std::to_string(Arrived) + " of " + std::to_string(Parties) +
           " parties arrived";
  };
  std::vector<std::pair<uintptr_t, int64_t>> Latches;
  for (const WaitSnapshot &W : Threads) {
    Ids.push_back(W.Thread->Id);
    std::string What =
        "thread " + std::to_string(W.Thread->Id) + " " + describeWait(W.Wait);
    if (W.Wait.Kind == WaitKind::CondVar) {
      if (SyncObject *S = Syncs.find(W.Wait.Object)) {
        SpinGuard Guard(S->Lock);
        if (S->LastNotifyFoundNoWaiter && S->LastNotifySite) {
          What += "; its last notify found nobody waiting: the wakeup was lost";
          Lost.push_back({S->LastNotifyThread, S->LastNotifyStack,
                          S->LastNotifySite, W.Wait.Object});
        } else if (!S->LastNotifySite) {
          What += "; nobody ever notified it";
        }
      }
    } else if (W.Wait.Kind == WaitKind::Futex &&
               W.Wait.Primitive == abi::PrimitiveLatch) {
      // The latch's first word is its remaining count.
      int64_t Remaining = *reinterpret_cast<const volatile int64_t *>(
          W.Wait.PrimitiveObject);
      What += "; it still expects " + std::to_string(Remaining) +
              " count_down() calls";
      if (std::none_of(Latches.begin(), Latches.end(), [&](const auto &L) {
            return L.first == W.Wait.PrimitiveObject;
          }))
        Latches.emplace_back(W.Wait.PrimitiveObject, Remaining);
    } else if (W.Wait.Kind == WaitKind::Futex &&
               W.Wait.Primitive == abi::PrimitiveBarrier) {
      // The barrier's first word is its number of parties.
      What += barrierArrivals(W.Wait.PrimitiveObject,
                              unsigned(*reinterpret_cast<const volatile int64_t *>(
                                  W.Wait.PrimitiveObject)),
                              [&](const WaitState &O) {
                                return O.Kind == WaitKind::Futex &&
                                       O.PrimitiveObject ==
                                           W.Wait.PrimitiveObject;
                              });
    } else if (W.Wait.Kind == WaitKind::Barrier) {
      unsigned Parties = 0;
      if (SyncObject *S = Syncs.find(W.Wait.Object)) {
        SpinGuard Guard(S->Lock);
        Parties = S->BarrierParties;
      }
      What += barrierArrivals(W.Wait.Object, Parties, [&](const WaitState &O) {
        return O.Kind == WaitKind::Barrier && O.Object == W.Wait.Object;
      });
    }
    stackEntry(J, W.Thread->Id, What,
               [&] { writeStack(J, frames(W.Wait.Site, W.Wait.Stack)); });
  }
  for (const LostWakeup &L : Lost) {
    Ids.push_back(L.Thread);
    stackEntry(J, L.Thread,
               "condition variable " + hexAddress(L.Cond) +
                   " was notified here while nobody was waiting",
               [&] { writeStack(J, frames(L.Site, L.Stack)); });
  }
  J.endArray();
  writeThreads(J, Ids);
  J.key("stall").beginObject().key("threads").beginArray();
  for (const WaitSnapshot &W : Threads)
    writeWait(J, W);
  J.endArray().key("lost_wakeup").value(!Lost.empty());
  J.key("barriers").beginArray();
  for (const BarrierCount &B : Barriers)
    J.beginObject()
        .key("object")
        .address(B.Barrier)
        .key("arrived")
        .value(uint64_t(B.Arrived))
        .key("parties")
        .value(uint64_t(B.Parties))
        .endObject();
  J.endArray().key("latches").beginArray();
  for (const auto &[Latch, Remaining] : Latches)
    J.beginObject()
        .key("object")
        .address(Latch)
        .key("remaining")
        .value(uint64_t(Remaining < 0 ? 0 : Remaining))
        .endObject();
  J.endArray().endObject().endObject();
  Sink.emit(J.str());
}

void Detector::reportStarvation(
    const WaitSnapshot &Waiter, uint64_t Acquisitions,
    const std::vector<std::pair<Tid, uint64_t>> &By) {
  uint64_t WaitedMs = (Now() - Waiter.Wait.SinceNs) / 1000000;
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("starvation");
  J.key("stacks").beginArray();
  stackEntry(J, Waiter.Thread->Id,
             "thread " + std::to_string(Waiter.Thread->Id) + " " +
                 describeWait(Waiter.Wait) + " for " +
                 std::to_string(WaitedMs) + " ms while other threads took it " +
                 std::to_string(Acquisitions) + " times",
             [&] { writeStack(J, frames(Waiter.Wait.Site, Waiter.Wait.Stack)); });
  J.endArray();
  std::vector<Tid> Ids{Waiter.Thread->Id};
  for (const auto &[Id, Count] : By)
    if (Id != Waiter.Thread->Id)
      Ids.push_back(Id);
  writeThreads(J, Ids);
  J.key("starvation").beginObject();
  J.key("thread").value(uint64_t(Waiter.Thread->Id));
  J.key("lock").address(Waiter.Wait.Object);
  J.key("read_lock").value(Waiter.Wait.Kind == WaitKind::ReadLock);
  J.key("waited_ms").value(WaitedMs);
  J.key("acquisitions_meanwhile").value(Acquisitions);
  J.key("acquisitions_by_thread").beginArray();
  for (const auto &[Id, Count] : By)
    if (Id != Waiter.Thread->Id)
      J.beginObject()
          .key("thread")
          .value(uint64_t(Id))
          .key("count")
          .value(Count)
          .endObject();
  J.endArray().endObject().endObject();
  Sink.emit(J.str());
}

/// A thread's current call stack, read while the thread may be running: the
/// innermost instrumented function, then each call in progress.
static std::vector<Frame> runningFrames(const Detector &D, ThreadState &T) {
  std::vector<Frame> Out;
  bool Innermost = true;
  T.Stack.forEachFrame([&](const ShadowStack::FrameInfo &F) {
    if (Innermost)
      for (Frame &Fr : D.frames(F.Function, 0))
        Out.push_back(std::move(Fr));
    Innermost = false;
    for (Frame &Fr : D.frames(F.CallSite, 0))
      Out.push_back(std::move(Fr));
  });
  return Out;
}

void Detector::reportLivelock(const std::vector<WaitSnapshot> &Threads) {
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("livelock");
  J.key("stacks").beginArray();
  std::vector<Tid> Ids;
  uint64_t At = Now();
  for (const WaitSnapshot &W : Threads) {
    Ids.push_back(W.Thread->Id);
    stackEntry(J, W.Thread->Id,
               "thread " + std::to_string(W.Thread->Id) + " failed " +
                   std::to_string(W.Thread->TryFailures) +
                   " try-locks in a row over " +
                   std::to_string((At - W.Thread->FirstTryFailureNs) / 1000000) +
                   " ms",
               [&] { writeStack(J, runningFrames(*this, *W.Thread)); });
  }
  J.endArray();
  writeThreads(J, Ids);
  J.key("livelock").beginObject().key("threads").beginArray();
  for (const WaitSnapshot &W : Threads)
    J.beginObject()
        .key("thread")
        .value(uint64_t(W.Thread->Id))
        .key("failed_try_locks")
        .value(W.Thread->TryFailures)
        .endObject();
  J.endArray().endObject().endObject();
  Sink.emit(J.str());
}

void Detector::reportTimeout(uint64_t Seconds) {
  std::vector<WaitSnapshot> Snapshot = snapshotThreads();
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("timeout");
  J.key("stacks").beginArray();
  std::vector<Tid> Ids;
  for (WaitSnapshot &W : Snapshot) {
    Ids.push_back(W.Thread->Id);
    if (W.Wait.Kind != WaitKind::None)
      stackEntry(J, W.Thread->Id,
                 "thread " + std::to_string(W.Thread->Id) + " " +
                     describeWait(W.Wait),
                 [&] { writeStack(J, frames(W.Wait.Site, W.Wait.Stack)); });
    else
      stackEntry(J, W.Thread->Id,
                 "thread " + std::to_string(W.Thread->Id) + " is running",
                 [&] { writeStack(J, runningFrames(*this, *W.Thread)); });
  }
  J.endArray();
  writeThreads(J, Ids);
  J.key("timeout").beginObject().key("seconds").value(Seconds);
  J.key("threads").beginArray();
  for (const WaitSnapshot &W : Snapshot)
    writeWait(J, W);
  J.endArray().endObject().endObject();
  Sink.emit(J.str());
}

} // namespace racegate

//===- Liveness.cpp - the watchdog's view of blocked threads --------------===//
//
// A scan copies every live thread's wait, then builds the wait-for graph:
// a thread waiting for a lock waits for the lock's owners, a joining thread
// for the thread it joins. A cycle of untimed waits that has lasted a while
// is a deadlock. When every live thread is in an untimed wait and none can
// wake another, the program has stalled. Both end the program; starvation
// and livelock are reported while it goes on.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"

#include <algorithm>

namespace racegate {

std::vector<Detector::WaitSnapshot> Detector::snapshotThreads() {
  std::vector<ThreadState *> Live;
  {
    SpinGuard Guard(ThreadsLock);
    for (const auto &T : Threads)
      Live.push_back(T.get());
  }
  std::vector<WaitSnapshot> Out;
  for (ThreadState *T : Live) {
    SpinGuard Guard(T->Lock);
    if (T->Finished)
      continue;
    Out.push_back({T, T->Wait, {}});
  }
  return Out;
}

namespace {
bool isLockWait(WaitKind K) {
  return K == WaitKind::Mutex || K == WaitKind::ReadLock;
}
} // namespace

Detector::Verdict Detector::scanLiveness(const LivenessOptions &Options) {
  std::vector<WaitSnapshot> Snapshot = snapshotThreads();
  // Taken after the snapshot, so no wait in it started later.
  uint64_t At = Now();
  if (Snapshot.empty())
    return Verdict::Continue;

  // Who each blocked thread waits for.
  auto Index = [&](Tid Id) -> int {
    for (size_t I = 0; I < Snapshot.size(); ++I)
      if (Snapshot[I].Thread->Id == Id)
        return int(I);
    return -1;
  };
  std::vector<std::vector<int>> WaitsFor(Snapshot.size());
  for (size_t I = 0; I < Snapshot.size(); ++I) {
    const WaitState &W = Snapshot[I].Wait;
    if (W.Kind == WaitKind::Join) {
      WaitsFor[I].push_back(Index(W.JoinTarget));
    } else if (isLockWait(W.Kind)) {
      if (SyncObject *S = Syncs.find(W.Object)) {
        SpinGuard Guard(S->Lock);
        if (S->Owner != SyncObject::NoOwner)
          WaitsFor[I].push_back(Index(S->Owner));
        if (W.Kind == WaitKind::Mutex)
          for (Tid R : S->Readers)
            WaitsFor[I].push_back(Index(R));
      }
    }
    WaitsFor[I].erase(std::remove(WaitsFor[I].begin(), WaitsFor[I].end(), -1),
                      WaitsFor[I].end());
  }

  // A join of a thread that has ended returns at once: not a wait.
  auto Real = [&](const WaitState &W) {
    return W.Kind != WaitKind::None &&
           (W.Kind != WaitKind::Join || Index(W.JoinTarget) >= 0);
  };
  auto Settled = [&](const WaitState &W, uint64_t Ns) {
    return Real(W) && !W.Timed && At >= W.SinceNs && At - W.SinceNs >= Ns;
  };

  // Deadlock: a cycle of settled waits, found by walking from each thread.
  for (size_t Start = 0; Start < Snapshot.size(); ++Start) {
    std::vector<int> Path{int(Start)};
    std::vector<bool> OnPath(Snapshot.size(), false);
    OnPath[Start] = true;
    int Current = int(Start);
    while (true) {
      if (!Settled(Snapshot[Current].Wait, Options.DeadlockSettleNs) ||
          WaitsFor[Current].empty())
        break;
      int Next = WaitsFor[Current].front();
      if (Next == int(Start)) {
        std::vector<WaitSnapshot> Cycle;
        for (int I : Path) {
          Cycle.push_back(Snapshot[I]);
          Cycle.back().Held = Snapshot[I].Thread->Held;
        }
        reportDeadlock(Cycle);
        return Verdict::Terminate;
      }
      if (OnPath[Next])
        break; // a cycle that does not pass through Start
      OnPath[Next] = true;
      Path.push_back(Next);
      Current = Next;
    }
  }

  // Stall: everybody waits with no deadline, and has for a while.
  bool AllStuck = std::all_of(
      Snapshot.begin(), Snapshot.end(), [&](const WaitSnapshot &S) {
        return Settled(S.Wait, Options.StallSettleNs);
      });
  // A pending timer's signal handler can still wake them.
  bool MayBeWoken = At < TimerArmedUntil.load(std::memory_order_relaxed);
  if (AllStuck && !MayBeWoken) {
    for (WaitSnapshot &S : Snapshot)
      S.Held = S.Thread->Held;
    reportStall(Snapshot);
    return Verdict::Terminate;
  }

  // Starvation: a long lock wait while others keep taking the lock.
  for (WaitSnapshot &S : Snapshot) {
    const WaitState &W = S.Wait;
    if (!isLockWait(W.Kind) || W.StarvationReported || At < W.SinceNs ||
        At - W.SinceNs < Options.StarvationNs)
      continue;
    uint64_t Taken;
    std::vector<std::pair<Tid, uint64_t>> By;
    if (SyncObject *Obj = Syncs.find(W.Object)) {
      SpinGuard Guard(Obj->Lock);
      Taken = Obj->Acquisitions - W.AcquisitionsAtStart;
      By = Obj->AcquisitionsByThread;
    } else {
      continue;
    }
    if (Taken == 0)
      continue;
    {
      SpinGuard Guard(S.Thread->Lock);
      if (S.Thread->Wait.Serial != W.Serial)
        continue; // the wait ended meanwhile
      S.Thread->Wait.StarvationReported = true;
    }
    if (firstReport("starvation", W.Site))
      reportStarvation(S, Taken, By);
  }

  // Livelock: several threads whose try-locks have kept failing.
  if (!LivelockReported) {
    std::vector<WaitSnapshot> Spinning;
    for (const WaitSnapshot &S : Snapshot) {
      SpinGuard Guard(S.Thread->Lock);
      ThreadState &T = *S.Thread;
      if (T.TryFailures >= 2 && At >= T.LastTryFailureNs &&
          At - T.FirstTryFailureNs >= Options.StarvationNs &&
          At - T.LastTryFailureNs < Options.StarvationNs / 2)
        Spinning.push_back(S);
    }
    if (Spinning.size() >= 2) {
      LivelockReported = true;
      reportLivelock(Spinning);
    }
  }
  return Verdict::Continue;
}

} // namespace racegate

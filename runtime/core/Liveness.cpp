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

bool Detector::cycleStillHolds(const std::vector<WaitSnapshot> &Cycle) {
  // The waits were copied first and the owners read after, thread by
  // thread, so a busy lock can seem to close a cycle: A waits, B waits, the
  // owner is B when A's edge is built and A when B's is. Each thread is
  // looked at again now: still in the very wait it was in (so it cannot
  // have taken or released anything since), and its lock owned by the next
  // thread of the cycle, or the next thread still the one it joins. Then
  // every thread of the cycle holds what the one before it waits for.
  for (size_t I = 0; I < Cycle.size(); ++I) {
    ThreadState &T = *Cycle[I].Thread;
    const ThreadState &Next = *Cycle[(I + 1) % Cycle.size()].Thread;
    const WaitState &W = Cycle[I].Wait;
    {
      SpinGuard Guard(T.Lock);
      if (T.Finished || T.Wait.Kind != W.Kind || T.Wait.Serial != W.Serial)
        return false;
    }
    if (W.Kind == WaitKind::Join) {
      if (W.JoinTarget != Next.Id || threadHasFinished(Next.Id))
        return false;
    } else if (isLockWait(W.Kind)) {
      SyncObject *S = Syncs.find(W.Object);
      if (!S)
        return false;
      SpinGuard Guard(S->Lock);
      bool Holds = S->Owner == Next.Id ||
                   (W.Kind == WaitKind::Mutex &&
                    std::find(S->Readers.begin(), S->Readers.end(), Next.Id) !=
                        S->Readers.end());
      if (!Holds)
        return false;
    }
  }
  return true;
}

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
        // A thread that owns the lock it is recorded waiting for has got
        // it, and has not yet been scheduled to say so (relocking a lock it
        // holds is caught when requested).
        if (S->Owner != SyncObject::NoOwner &&
            S->Owner != Snapshot[I].Thread->Id)
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
  // Everybody waits with no deadline, and has for a while. A thread waiting
  // for a lock that nobody holds is not stuck: it was woken and has not yet
  // been scheduled, which on a loaded machine can take seconds.
  bool AllStuck = true;
  for (size_t I = 0; I < Snapshot.size() && AllStuck; ++I) {
    const WaitState &W = Snapshot[I].Wait;
    AllStuck = Settled(W, Options.StallSettleNs) &&
               !(isLockWait(W.Kind) && WaitsFor[I].empty());
  }
  // A pending timer's signal handler can still wake them.
  bool MayBeWoken = At < TimerArmedUntil.load(std::memory_order_relaxed);

  // Nested monitor lockout: a thread waits on a condition variable while
  // it holds a lock that the only threads left to notify it wait for. With
  // nobody else running, its wakeup can only come from them: it waits for
  // them as they wait for it, a deadlock rather than a mere stall.
  if (AllStuck && !MayBeWoken)
    for (size_t I = 0; I < Snapshot.size(); ++I) {
      if (Snapshot[I].Wait.Kind != WaitKind::CondVar)
        continue;
      for (size_t J = 0; J < Snapshot.size(); ++J)
        if (J != I && isLockWait(Snapshot[J].Wait.Kind) &&
            std::find(WaitsFor[J].begin(), WaitsFor[J].end(), int(I)) !=
                WaitsFor[J].end())
          WaitsFor[I].push_back(int(J));
    }

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
        if (!cycleStillHolds(Cycle))
          break;
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

  // Stall: everybody is stuck, and no cycle explains it.
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
    std::vector<std::pair<Tid, uint64_t>> By;
    if (SyncObject *Obj = Syncs.find(W.Object)) {
      SpinGuard Guard(Obj->Lock);
      By = Obj->AcquisitionsByThread;
    } else {
      continue;
    }
    // Only acquisitions by other threads during this wait count, in the
    // total and per thread alike: the counts now less those at its start.
    uint64_t Taken = 0;
    {
      SpinGuard Guard(S.Thread->Lock);
      if (S.Thread->Wait.Serial != W.Serial ||
          S.Thread->WaitBaselineSerial != W.Serial)
        continue; // the wait ended meanwhile
      for (auto &[Id, Count] : By)
        for (const auto &[BaseId, BaseCount] : S.Thread->WaitBaseline)
          if (BaseId == Id) {
            Count -= std::min(Count, BaseCount);
            break;
          }
    }
    By.erase(std::remove_if(By.begin(), By.end(),
                            [&](const auto &Entry) {
                              return Entry.first == S.Thread->Id ||
                                     Entry.second == 0;
                            }),
             By.end());
    for (const auto &Entry : By)
      Taken += Entry.second;
    // Evidence of starvation, not of a busy lock on a loaded machine: the
    // lock changed hands again and again while this thread waited, and some
    // other thread keeps coming back for it.
    constexpr uint64_t MinTakenDuringWait = 8, MinTakenByOneThread = 4;
    bool Greedy = std::any_of(By.begin(), By.end(), [&](const auto &Entry) {
      return Entry.second >= MinTakenByOneThread;
    });
    if (Taken < MinTakenDuringWait || !Greedy)
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

//===- ThreadState.h - what the detector knows about one thread -----------===//
#ifndef RACEGATE_CORE_THREADSTATE_H
#define RACEGATE_CORE_THREADSTATE_H

#include "ShadowCell.h"
#include "ShadowStack.h"
#include "SpinLock.h"
#include "Types.h"
#include "VectorClock.h"

#include <optional>
#include <vector>

namespace racegate {

/// A lock the thread holds, with where it was taken.
struct HeldLock {
  uintptr_t Address = 0;
  StackId Stack = 0;
  SiteId Site = 0;
  bool Exclusive = true;
};

class ThreadState {
public:
  ThreadState(Tid Id, std::optional<Tid> Parent) : Id(Id), Parent(Parent) {}

  /// Advances this thread's own clock, after it released something, so that
  /// what it does next is not ordered before the release's observers.
  void tick() {
    Clock C = Clock_.get(Id) + 1;
    Clock_.set(Id, C);
    EpochBits = AccessWord::epochBits(Id, C);
  }
  void resetEpoch() { EpochBits = AccessWord::epochBits(Id, Clock_.get(Id)); }

  const Tid Id;
  const std::optional<Tid> Parent;
  VectorClock Clock_;
  uint64_t EpochBits = 0;
  ShadowStack Stack;

  // Where the thread was created (in its parent), for reports.
  StackId CreationStack = 0;
  SiteId CreationSite = 0;

  std::vector<HeldLock> Held;

  // Atomic operations: the stripe lock taken by atomic_begin, the clock the
  // last release fence published, and the variables recent relaxed loads
  // read from, which a later acquire fence synchronizes with.
  SpinLock *AtomicStripe = nullptr;
  std::optional<VectorClock> FenceRelease;
  static constexpr unsigned RecentLoadCount = 8;
  uintptr_t RecentRelaxedLoads[RecentLoadCount] = {};
  unsigned RecentLoadIndex = 0;

  uintptr_t StackLow = 0, StackHigh = 0;
  unsigned EvictionCounter = 0;

  /// Non-zero while the runtime works on this thread's behalf; hooks reached
  /// from inside (signal handlers, the runtime's own allocations) stand back.
  int InRuntime = 0;

  // Guarded by Lock: the clock the thread ended with, for joins.
  SpinLock Lock;
  bool Finished = false;
  VectorClock FinalClock;
};

/// Marks the runtime as busy on a thread for the life of a scope.
class RuntimeScope {
public:
  explicit RuntimeScope(ThreadState &T) : T(T) { ++T.InRuntime; }
  ~RuntimeScope() { --T.InRuntime; }
  RuntimeScope(const RuntimeScope &) = delete;
  RuntimeScope &operator=(const RuntimeScope &) = delete;

private:
  ThreadState &T;
};

} // namespace racegate

#endif

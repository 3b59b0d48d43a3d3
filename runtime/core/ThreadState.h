//===- ThreadState.h - what the detector knows about one thread -----------===//
#ifndef RACEGATE_CORE_THREADSTATE_H
#define RACEGATE_CORE_THREADSTATE_H

#include "CellSetPool.h"
#include "HappensBeforeFrontier.h"
#include "ShadowCell.h"
#include "ShadowStack.h"
#include "SpinLock.h"
#include "Types.h"
#include "VectorClock.h"

#include <optional>
#include <vector>

namespace racegate {

/// A lock the thread holds, with where it was taken and what the thread
/// knew then (which decides whether two critical sections can overlap).
struct HeldLock {
  uintptr_t Address = 0;
  StackId Stack = 0;
  SiteId Site = 0;
  bool Exclusive = true;
  VectorClock AcquiredClock;
};

/// What a blocked thread waits for. Set only when the wait really blocks.
enum class WaitKind : uint8_t {
  None,
  Mutex,     // exclusive lock of a mutex, spinlock or rwlock
  ReadLock,  // shared lock of an rwlock
  Join,      // another thread's end
  CondVar,   // a condition variable
  Semaphore, // a POSIX semaphore
  Barrier,   // a pthread barrier
  Futex,     // a futex word: std::latch, std::barrier, counting_semaphore,
             // std::atomic<T>::wait
};

struct WaitState {
  WaitKind Kind = WaitKind::None;
  uintptr_t Object = 0;
  /// The mutex a condition-variable wait gave up.
  uintptr_t Mutex = 0;
  Tid JoinTarget = 0;
  /// A wait with a deadline ends by itself: it can't be part of a hang.
  bool Timed = false;
  /// For a futex wait: the std::latch or std::barrier it is for, if known
  /// (an abi::Primitive and the object's address).
  uint32_t Primitive = 0;
  uintptr_t PrimitiveObject = 0;
  uint64_t SinceNs = 0;
  /// Changes with every wait, so a scan can tell a long wait from a new one.
  uint64_t Serial = 0;
  StackId Stack = 0;
  SiteId Site = 0;
  uint64_t AcquisitionsAtStart = 0;
  bool StarvationReported = false;
};

class ThreadState {
public:
  ThreadState(Tid Id, std::optional<Tid> Parent) : Id(Id), Parent(Parent) {}

  /// Makes this state, whose thread ended and whose slot nobody will look
  /// up for it again, the state of a new thread created by \p NewParent.
  /// The slot's clock goes on from where it was (the creator's clock covers
  /// it), so epochs stay monotonic per slot. The shadow call stack's memory
  /// is kept when it still has it.
  void recycle(Tid NewParent);

  /// Advances this thread's own clock, after it released something, so that
  /// what it does next is not ordered before the release's observers.
  void tick() {
    Clock C = Clock_.get(Id) + 1;
    Clock_.set(Id, C);
    EpochBits = AccessWord::epochBits(Id, C);
  }

  const Tid Id;
  /// The epoch of the thread's latest access the shadow may hold. Every
  /// epoch's first access to a granule takes the slow path, which sets it,
  /// so an ended thread whose last accesses came before its last release is
  /// covered by whoever acquired that release (see CoverEpoch).
  uint64_t LastAccessEpochBits = 0;
  /// The slot's own clock when this thread began.
  Clock StartClock = 0;
  /// How many threads had the slot before this one: tells two threads of
  /// one slot apart.
  uint32_t Incarnation = 0;
  std::optional<Tid> Parent;
  VectorClock Clock_;
  uint64_t EpochBits = 0;
  /// Happens-before that holds in every schedule: thread creation and join,
  /// barriers, waits for a value another thread released (latches, flags),
  /// semaphores that start empty. Unlike order through locks, which another
  /// schedule reverses, it proves two critical sections can never overlap.
  VectorClock LifeClock;
  /// Adds what this thread's LifeClock says, and its own step now, to
  /// \p Into: what a wait for this thread's next action is ordered after.
  void publishLifeClock(VectorClock &Into) const {
    Into.join(LifeClock);
    if (Into.get(Id) < Clock_.get(Id))
      Into.set(Id, Clock_.get(Id));
  }
  ShadowStack Stack;

  // Where the thread was created (in its parent), for reports.
  StackId CreationStack = 0;
  SiteId CreationSite = 0;

  std::vector<HeldLock> Held;
  /// Held, interned (LocksetRegistry) when an access made under it is
  /// first remembered.
  uint32_t LocksetId = 0;
  bool LocksetDirty = false;
  /// The range whose one event in the history stands for each of its
  /// granules while a range check goes over them (Detector::accessRange).
  struct {
    uintptr_t Begin = 0, End = 0;
    SiteId Site = 0;
  } HistoryRange;

  // Atomic operations: the stripe lock taken by atomic_begin, the clock the
  // last release fence published, and the released variables that relaxed
  // loads read since the last acquire fence, which that fence synchronizes
  // with. Past the list's size their clocks are folded into FenceAcquired
  // at once, so no load is ever forgotten.
  SpinLock *AtomicStripe = nullptr;
  std::optional<VectorClock> FenceRelease;
  static constexpr unsigned RelaxedLoadListSize = 32;
  uintptr_t RelaxedLoads[RelaxedLoadListSize] = {};
  unsigned RelaxedLoadCount = 0;
  std::optional<VectorClock> FenceAcquired;

  // Guarded by Lock: what the thread is blocked on, read by the watchdog.
  WaitState Wait;
  /// Guarded by Lock: for a lock wait (the one whose Serial is
  /// WaitBaselineSerial), how often each thread had taken the lock when it
  /// began, so that a starvation report counts only what happened during
  /// the wait. Filled in PendingBaseline, which only the thread touches.
  std::vector<std::pair<Tid, uint64_t>> WaitBaseline, PendingBaseline;
  uint64_t WaitBaselineSerial = 0;

  // The std::latch or std::barrier the thread is about to wait in, as the
  // analyzer marked it; a futex wait that follows is for it.
  uint32_t PendingPrimitive = 0;
  uintptr_t PendingPrimitiveObject = 0;

  // Failed try-locks since the last successful one, for livelock.
  uint64_t TryFailures = 0;
  uint64_t FirstTryFailureNs = 0, LastTryFailureNs = 0;

  uintptr_t StackLow = 0, StackHigh = 0;

  /// Recent pairs of places -> their depot node, so that packing two
  /// accesses in one word rarely has to reach the shared depot.
  struct PlaceCacheEntry {
    uint64_t Key = 0;
    StackId Place = 0;
  };
  static constexpr unsigned PlaceCacheBits = 8;
  PlaceCacheEntry PlaceCache[1u << PlaceCacheBits];

  /// The clock as the frontier sees it (HappensBeforeFrontier.h).
  PublishedClock Published;
  /// Free shadow records of this thread's own (see CellSetPool).
  CellSetCache CellSets;

  /// Non-zero while the runtime works on this thread's behalf; hooks reached
  /// from inside (signal handlers, the runtime's own allocations) stand back.
  int InRuntime = 0;

  // Guarded by Lock: the clock the thread ended with, for joins.
  SpinLock Lock;
  bool Finished = false;
  VectorClock FinalClock;
  VectorClock FinalLifeClock;

  // Guarded by the detector's thread list lock: the slot's own clock when
  // its thread ended; a thread whose clock covers it may take the slot
  // over, once the slot is free (its thread was joined).
  Clock FinalEpoch = 0;
  /// The lowest clock of the slot that a thread must have seen to be
  /// ordered after every access of the ended thread: the epoch of its last
  /// access, which the release that ended that epoch published.
  Clock CoverEpoch = 0;
  bool Free = false;
  /// Guarded by the thread list lock: nobody will join the thread, so its
  /// slot is free once it has ended.
  bool Detached = false;
  bool Ended = false;
  /// Earlier threads of the slot, newest last, for reports on their
  /// accesses: the slot's clocks from Start to End were theirs.
  struct PastThread {
    Clock Start = 0, End = 0;
    std::optional<Tid> Parent;
    StackId CreationStack = 0;
    SiteId CreationSite = 0;
  };
  static constexpr unsigned PastThreadsKept = 8;
  PastThread Past[PastThreadsKept];
  unsigned PastCount = 0;
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

//===- LockOrderGraph.h - potential deadlocks from lock acquisition order -===//
//
// An edge A -> B means some thread requested lock B while holding A. Each
// edge keeps a few instances (one per thread), each with what is needed to
// tell whether the instances of a cycle could ever be in progress at once:
// the thread, the other locks it held (a common "gate" lock makes the cycle
// impossible), the lock modes (readers alone never block each other), and
// vector clocks (critical sections ordered by happens-before never overlap).
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_LOCKORDERGRAPH_H
#define RACEGATE_CORE_LOCKORDERGRAPH_H

#include "SpinLock.h"
#include "Types.h"
#include "VectorClock.h"

#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace racegate {

struct LockEdge {
  Tid Thread = 0;
  /// ThreadState::Incarnation: a thread that took over the slot later is
  /// another thread.
  uint32_t Incarnation = 0;
  uintptr_t From = 0, To = 0;
  bool FromExclusive = true, ToExclusive = true;
  StackId FromStack = 0, ToStack = 0;
  SiteId FromSite = 0, ToSite = 0;
  /// Locks the thread held exclusively when it requested To, From included.
  std::vector<uintptr_t> ExclusivelyHeld;
  /// The thread's own clock when it requested To.
  Clock RequestClock = 0;
  /// What the thread knew when it acquired From.
  VectorClock FromAcquiredClock;
};

/// Why the instances of a cycle can never all be in progress together.
enum class NoDeadlockReason {
  SingleThread, // two of its edges are one thread's, which waits once
  GateLock,     // two threads' edges are taken under one common lock
  Ordered,      // their critical sections are ordered in every schedule
};

/// A cycle through a new edge: one that can deadlock in some schedule
/// (Feasible), or one that cannot, and why.
struct LockCycle {
  std::vector<LockEdge> Edges;
  bool Feasible = true;
  NoDeadlockReason Reason = NoDeadlockReason::SingleThread;
  /// For GateLock: the lock both critical sections are under.
  uintptr_t Gate = 0;
};

class LockOrderGraph {
public:
  static constexpr unsigned InstancesPerEdge = 4;

  /// Adds an instance of an edge and returns the shortest cycle through it
  /// whose instances could all be in progress together, if there is one.
  /// Otherwise, when the edge closes a cycle of lock orders for the first
  /// time, that cycle, with why it cannot deadlock in this run: the same
  /// code run by other threads, or without what keeps it apart, would.
  std::optional<LockCycle> add(LockEdge Edge);

  /// Forgets every lock in [Begin, End): destroyed or freed.
  void forgetRange(uintptr_t Begin, uintptr_t End);

  /// Offers the lock to \p Visit, for holding every lock across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    return Visit(Lock);
  }

private:
  static bool compatible(const LockEdge &A, const LockEdge &B);
  /// The shortest cycle through \p Edge whose waits would block each other;
  /// with \p Feasible, only of instances that can all be in progress.
  std::optional<std::vector<LockEdge>> findCycle(const LockEdge &Edge,
                                                 bool Feasible) const;
  static LockCycle explain(std::vector<LockEdge> Cycle);

  mutable SpinLock Lock;
  // From -> To -> instances; ordered by From so freed ranges are cheap.
  std::map<uintptr_t, std::unordered_map<uintptr_t, std::vector<LockEdge>>>
      Edges;
  // To -> From, so that forgetting a lock finds the edges into it.
  std::map<uintptr_t, std::vector<uintptr_t>> Incoming;
};

} // namespace racegate

#endif

//===- LockOrderGraph.cpp -------------------------------------------------===//
#include "LockOrderGraph.h"

#include <algorithm>
#include <deque>

namespace racegate {

static bool orderedBefore(const LockEdge &First, const LockEdge &Second) {
  // First's request happened before Second even took its first lock.
  return Second.FromAcquiredClock.get(First.Thread) >= First.RequestClock;
}

/// A lock both threads held exclusively while taking their edges: it keeps
/// the two critical sections apart. 0 when there is none.
static uintptr_t gateLock(const LockEdge &A, const LockEdge &B) {
  for (uintptr_t L : A.ExclusivelyHeld)
    if (std::find(B.ExclusivelyHeld.begin(), B.ExclusivelyHeld.end(), L) !=
        B.ExclusivelyHeld.end())
      return L;
  return 0;
}

bool LockOrderGraph::compatible(const LockEdge &A, const LockEdge &B) {
  if (A.Thread == B.Thread || gateLock(A, B))
    return false;
  return !orderedBefore(A, B) && !orderedBefore(B, A);
}

LockCycle LockOrderGraph::explain(std::vector<LockEdge> Cycle) {
  LockCycle Result;
  Result.Feasible = false;
  // A gate or an ordering between two threads says more than a thread
  // meeting itself, so they are looked for first.
  bool SameThread = false, Ordered = false;
  for (size_t I = 0; I < Cycle.size(); ++I)
    for (size_t J = I + 1; J < Cycle.size(); ++J) {
      const LockEdge &A = Cycle[I], &B = Cycle[J];
      if (A.Thread == B.Thread && A.Incarnation == B.Incarnation) {
        SameThread = true;
      } else if (uintptr_t Gate = gateLock(A, B)) {
        if (!Result.Gate)
          Result.Gate = Gate;
      } else if (orderedBefore(A, B) || orderedBefore(B, A)) {
        Ordered = true;
      }
    }
  Result.Reason = Result.Gate ? NoDeadlockReason::GateLock
                  : Ordered || !SameThread ? NoDeadlockReason::Ordered
                                           : NoDeadlockReason::SingleThread;
  Result.Edges = std::move(Cycle);
  return Result;
}

/// Whether the thread of \p Waiter, requesting the lock \p Holder holds,
/// would really block: two shared holds never block each other.
static bool blocks(const LockEdge &Waiter, const LockEdge &Holder) {
  return Waiter.ToExclusive || Holder.FromExclusive;
}

std::optional<LockCycle> LockOrderGraph::add(LockEdge Edge) {
  SpinGuard Guard(Lock);
  std::vector<LockEdge> &Instances = Edges[Edge.From][Edge.To];
  // Whether any cycle closes through the edge depends only on which edges
  // exist and in which modes: it is looked for when that changes.
  bool NewShape = std::none_of(
      Instances.begin(), Instances.end(), [&](const LockEdge &I) {
        return I.FromExclusive == Edge.FromExclusive &&
               I.ToExclusive == Edge.ToExclusive;
      });
  bool Known = false;
  for (LockEdge &I : Instances)
    if (I.Thread == Edge.Thread && I.Incarnation == Edge.Incarnation) {
      // A newer instance from the same thread replaces the older one: its
      // clocks are the most recent the thread has.
      I = Edge;
      Known = true;
      break;
    }
  if (!Known) {
    if (Instances.empty())
      Incoming[Edge.To].push_back(Edge.From);
    if (Instances.size() >= InstancesPerEdge)
      Instances.erase(Instances.begin());
    Instances.push_back(Edge);
  }
  if (auto Cycle = findCycle(Edge, /*Feasible=*/true))
    return LockCycle{std::move(*Cycle), true};
  if (NewShape)
    if (auto Cycle = findCycle(Edge, /*Feasible=*/false))
      return explain(std::move(*Cycle));
  return std::nullopt;
}

std::optional<std::vector<LockEdge>>
LockOrderGraph::findCycle(const LockEdge &Start, bool Feasible) const {
  // Breadth-first from Start.To back to Start.From, so the first cycle found
  // is a shortest one. Each step picks an instance whose wait would block on
  // the previous one and, for a feasible cycle, that can coexist with every
  // instance already on the path.
  struct Step {
    uintptr_t Node;
    std::vector<LockEdge> Path;
  };
  std::deque<Step> Queue;
  Queue.push_back({Start.To, {Start}});
  std::vector<uintptr_t> Visited{Start.To};
  constexpr size_t MaxVisited = 1 << 16;
  while (!Queue.empty()) {
    Step Current = std::move(Queue.front());
    Queue.pop_front();
    auto Out = Edges.find(Current.Node);
    if (Out == Edges.end())
      continue;
    for (const auto &[To, Instances] : Out->second) {
      bool Closes = To == Start.From;
      if (!Closes && std::find(Visited.begin(), Visited.end(), To) !=
                         Visited.end())
        continue;
      for (const LockEdge &I : Instances) {
        if (!blocks(Current.Path.back(), I))
          continue;
        bool Fits = !Feasible ||
                    std::all_of(Current.Path.begin(), Current.Path.end(),
                                [&](const LockEdge &P) {
                                  return compatible(P, I);
                                });
        if (!Fits || (Closes && !blocks(I, Start)))
          continue;
        std::vector<LockEdge> Path = Current.Path;
        Path.push_back(I);
        if (Closes)
          return Path;
        if (Visited.size() < MaxVisited) {
          Visited.push_back(To);
          Queue.push_back({To, std::move(Path)});
        }
        break;
      }
    }
  }
  return std::nullopt;
}

void LockOrderGraph::forgetRange(uintptr_t Begin, uintptr_t End) {
  SpinGuard Guard(Lock);
  if (Edges.empty())
    return;
  for (auto It = Incoming.lower_bound(Begin);
       It != Incoming.end() && It->first < End;) {
    for (uintptr_t From : It->second) {
      auto Out = Edges.find(From);
      if (Out != Edges.end())
        Out->second.erase(It->first);
    }
    It = Incoming.erase(It);
  }
  for (auto It = Edges.lower_bound(Begin); It != Edges.end() && It->first < End;)
    It = Edges.erase(It);
}


} // namespace racegate

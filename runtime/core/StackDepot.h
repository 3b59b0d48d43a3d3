//===- StackDepot.h - interned call stacks --------------------------------===//
//
// A call stack is a path in a trie of call sites: a node is (parent, call
// site). Interning gives every distinct stack one 32-bit id, small enough to
// keep beside every remembered access. Lookups and inserts take no lock.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_STACKDEPOT_H
#define RACEGATE_CORE_STACKDEPOT_H

#include "Types.h"

#include <atomic>
#include <vector>

namespace racegate {

class StackDepot {
public:
  static constexpr uint32_t Capacity = 1u << 24;

  StackDepot();
  ~StackDepot();
  StackDepot(const StackDepot &) = delete;
  StackDepot &operator=(const StackDepot &) = delete;

  /// The stack \p Parent extended by a call from \p CallSite. When the depot
  /// is full, stacks stop growing: \p Parent is returned.
  StackId intern(StackId Parent, SiteId CallSite);

  /// The call sites of \p Id, innermost first.
  std::vector<SiteId> callSites(StackId Id) const;

  uint32_t size() const { return Count.load(std::memory_order_relaxed); }

private:
  struct Node {
    std::atomic<StackId> Parent;
    std::atomic<SiteId> Site;
  };
  static constexpr uint32_t TableSize = Capacity * 2;

  Node *Nodes;
  std::atomic<StackId> *Table;
  std::atomic<uint32_t> Count{1}; // node 0 is the empty stack
};

} // namespace racegate

#endif

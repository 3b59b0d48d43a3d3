//===- StackDepot.h - interned call stacks --------------------------------===//
//
// A call stack is a path in a trie of call sites: a node is (parent, call
// site). Interning gives every distinct stack one 32-bit id, small enough to
// keep beside every remembered access. Lookups take no lock; inserts take
// one, and the hash table grows with the number of stacks, so a program with
// few stacks touches little memory.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_STACKDEPOT_H
#define RACEGATE_CORE_STACKDEPOT_H

#include "SpinLock.h"
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

  /// The stack \p Id extends, and the call site it extends it by.
  StackId parentOf(StackId Id) const {
    return Nodes && Id < Capacity ? Nodes[Id].Parent.load(std::memory_order_relaxed)
                         : 0;
  }
  SiteId siteOf(StackId Id) const {
    return Nodes && Id < Capacity ? Nodes[Id].Site.load(std::memory_order_relaxed)
                                 : 0;
  }
  /// The call sites of \p Id, innermost first. Allocates: for reports.
  std::vector<SiteId> callSites(StackId Id) const;

  /// Offers the lock to \p Visit, for holding every lock across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    return Visit(InsertLock);
  }

private:
  struct Node {
    std::atomic<StackId> Parent;
    std::atomic<SiteId> Site;
  };
  /// Open addressing over node ids; 0 marks a free slot.
  struct Table {
    uint32_t Mask;
    std::atomic<StackId> *Slots;
  };

  StackId find(const Table &T, StackId Parent, SiteId CallSite) const;
  void insert(Table &T, StackId Id);
  void grow();

  Node *Nodes;
  // Every table ever used, smallest first: readers may still probe an old
  // one. Nothing here allocates through malloc, which the runtime intercepts
  // and which may come back here.
  static constexpr unsigned MaxTables = 16;
  Table Tables[MaxTables] = {};
  unsigned TableCount = 0;
  std::atomic<Table *> Current{nullptr};
  SpinLock InsertLock;
  std::atomic<uint32_t> Count{1}; // node 0 is the empty stack
};

} // namespace racegate

#endif

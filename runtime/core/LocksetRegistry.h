//===- LocksetRegistry.h - interned sets of held locks --------------------===//
//
// A race report lists the locks each side held. The earlier side is long
// gone by then, so the set of locks a thread holds is interned to a small id
// whenever it changes, and that id rides along in the remembered access's
// stack (see Detector::placeStack).
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_LOCKSETREGISTRY_H
#define RACEGATE_CORE_LOCKSETREGISTRY_H

#include "SpinLock.h"
#include "Types.h"

#include <map>
#include <tuple>
#include <vector>

namespace racegate {

/// A held lock as remembered for reports: where it was taken.
struct LockRecord {
  uintptr_t Address = 0;
  StackId Stack = 0;
  SiteId Site = 0;
  bool Exclusive = true;

  auto key() const { return std::tie(Address, Stack, Site, Exclusive); }
  bool operator<(const LockRecord &O) const { return key() < O.key(); }
};

class LocksetRegistry {
public:
  /// The id of \p Locks; 0 is the empty set.
  uint32_t intern(const std::vector<LockRecord> &Locks);
  std::vector<LockRecord> locks(uint32_t Id) const;

  /// Offers the lock to \p Visit, for holding every lock across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    return Visit(Lock);
  }

private:
  mutable SpinLock Lock;
  std::map<std::vector<LockRecord>, uint32_t> Ids;
  std::vector<std::vector<LockRecord>> Sets{{}};
};

} // namespace racegate

#endif

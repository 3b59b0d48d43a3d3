//===- LocksetRegistry.cpp ------------------------------------------------===//
#include "LocksetRegistry.h"

namespace racegate {

uint32_t LocksetRegistry::intern(const std::vector<LockRecord> &Locks) {
  if (Locks.empty())
    return 0;
  SpinGuard Guard(Lock);
  auto [It, Inserted] = Ids.try_emplace(Locks, uint32_t(Sets.size()));
  if (Inserted)
    Sets.push_back(Locks);
  return It->second;
}

std::vector<LockRecord> LocksetRegistry::locks(uint32_t Id) const {
  SpinGuard Guard(Lock);
  return Id < Sets.size() ? Sets[Id] : std::vector<LockRecord>();
}

} // namespace racegate

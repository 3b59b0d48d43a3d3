//===- SyncTable.cpp ------------------------------------------------------===//
#include "SyncTable.h"

namespace racegate {

SyncObject &SyncTable::get(uintptr_t Address) {
  Shard &S = shardFor(Address);
  SpinGuard Guard(S.Lock);
  std::unique_ptr<SyncObject> &Slot = S.Objects[Address];
  if (!Slot)
    Slot = std::make_unique<SyncObject>(Address);
  return *Slot;
}

SyncObject *SyncTable::find(uintptr_t Address) {
  Shard &S = shardFor(Address);
  SpinGuard Guard(S.Lock);
  auto It = S.Objects.find(Address);
  return It == S.Objects.end() ? nullptr : It->second.get();
}

void SyncTable::erase(uintptr_t Address) {
  Shard &S = shardFor(Address);
  SpinGuard Guard(S.Lock);
  S.Objects.erase(Address);
}

} // namespace racegate

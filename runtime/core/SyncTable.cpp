//===- SyncTable.cpp ------------------------------------------------------===//
#include "SyncTable.h"

namespace racegate {

SyncObject &SyncTable::get(uintptr_t Address) {
  Shard &S = shardFor(Address);
  SpinGuard Guard(S.Lock);
  std::unique_ptr<SyncObject> &Slot = S.Objects[Address];
  if (!Slot) {
    Slot = std::make_unique<SyncObject>(Address);
    MayHold.add(Address);
  }
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

namespace racegate {

void SyncTable::eraseRange(uintptr_t Begin, uintptr_t End) {
  constexpr uintptr_t ProbeLimit = 64 * 1024;
  if (End - Begin <= ProbeLimit) {
    for (uintptr_t A = Begin & ~uintptr_t(7); A < End; A += 8)
      if (MayHold.mayContain(A))
        erase(A);
    return;
  }
  // A large block: one pass over the table beats probing every word.
  for (Shard &S : Shards) {
    SpinGuard Guard(S.Lock);
    for (auto It = S.Objects.begin(); It != S.Objects.end();)
      It = It->first >= Begin && It->first < End ? S.Objects.erase(It)
                                                 : std::next(It);
  }
}

size_t SyncTable::size() {
  size_t N = 0;
  for (Shard &S : Shards) {
    SpinGuard Guard(S.Lock);
    N += S.Objects.size();
  }
  return N;
}

} // namespace racegate

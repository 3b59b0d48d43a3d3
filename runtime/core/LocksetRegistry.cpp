//===- LocksetRegistry.cpp ------------------------------------------------===//
#include "LocksetRegistry.h"

#include "LazyMemory.h"

namespace racegate {

LocksetRegistry::LocksetRegistry()
    : Arena(mapLazyArray<uint64_t>(ArenaWords)),
      Offsets(mapLazyArray<uint32_t>(MaxSets)),
      Hashes(mapLazyArray<uint32_t>(MaxSets)) {
  // Without its arrays the registry tells no sets apart (no table).
  if (!Arena || !Offsets || !Hashes)
    return;
  if (auto *Slots = mapLazyArray<std::atomic<uint32_t>>(FirstTableSlots)) {
    Tables[0] = {FirstTableSlots - 1, Slots};
    TableCount = 1;
    Current.store(&Tables[0], std::memory_order_release);
  }
}

LocksetRegistry::~LocksetRegistry() {
  unmapLazyArray(Arena, ArenaWords);
  unmapLazyArray(Offsets, MaxSets);
  unmapLazyArray(Hashes, MaxSets);
  for (unsigned I = 0; I < TableCount; ++I)
    unmapLazyArray(Tables[I].Slots, size_t(Tables[I].Mask) + 1);
}

const LocksetRegistry::Table *LocksetRegistry::grow() {
  if (TableCount == MaxTables)
    return nullptr;
  uint32_t Size = (Tables[TableCount - 1].Mask + 1) * 2;
  auto *Slots = mapLazyArray<std::atomic<uint32_t>>(Size);
  if (!Slots)
    return nullptr;
  Table &Fresh = Tables[TableCount++];
  Fresh = {Size - 1, Slots};
  for (uint32_t Id = 2, E = Count.load(std::memory_order_relaxed); Id < E;
       ++Id)
    place(Fresh, Id);
  Current.store(&Fresh, std::memory_order_release);
  return &Fresh;
}

std::vector<LockRecord> LocksetRegistry::locks(uint32_t Id) const {
  std::vector<LockRecord> Locks;
  if (Id < 2 || Id >= Count.load(std::memory_order_acquire))
    return Locks;
  const uint64_t *Set = Arena + Offsets[Id];
  for (uint64_t I = 0; I < Set[0]; ++I) {
    uint64_t Address = Set[1 + 2 * I], Place = Set[2 + 2 * I];
    Locks.push_back({uintptr_t(Address & ~SharedBit), StackId(Place >> 32),
                     SiteId(Place), !(Address & SharedBit)});
  }
  return Locks;
}

} // namespace racegate

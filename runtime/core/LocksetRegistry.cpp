//===- LocksetRegistry.cpp ------------------------------------------------===//
#include "LocksetRegistry.h"

#include "LazyMemory.h"

namespace racegate {

LocksetRegistry::LocksetRegistry()
    : Arena(mapLazyArray<uint64_t>(ArenaWords)),
      Offsets(mapLazyArray<uint32_t>(MaxSets)),
      Hashes(mapLazyArray<uint32_t>(MaxSets)),
      Table(mapLazyArray<std::atomic<uint32_t>>(TableSlots)) {
  if (!Arena || !Offsets || !Hashes) {
    // Without its arrays the registry tells no sets apart.
    unmapLazyArray(Table, TableSlots);
    Table = nullptr;
  }
}

LocksetRegistry::~LocksetRegistry() {
  unmapLazyArray(Arena, ArenaWords);
  unmapLazyArray(Offsets, MaxSets);
  unmapLazyArray(Hashes, MaxSets);
  unmapLazyArray(Table, TableSlots);
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

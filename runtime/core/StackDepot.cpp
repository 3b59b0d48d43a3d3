//===- StackDepot.cpp -----------------------------------------------------===//
#include "StackDepot.h"

#include "LazyMemory.h"

namespace racegate {

static constexpr uint32_t InitialSlots = 1u << 16;

StackDepot::StackDepot() : Nodes(mapLazyArray<Node>(Capacity)) {
  if (auto *Slots = mapLazyArray<std::atomic<StackId>>(InitialSlots)) {
    Tables[TableCount] = {InitialSlots - 1, Slots};
    Current.store(&Tables[TableCount++]);
  }
}

StackDepot::~StackDepot() {
  unmapLazyArray(Nodes, Capacity);
  for (unsigned I = 0; I < TableCount; ++I)
    unmapLazyArray(Tables[I].Slots, size_t(Tables[I].Mask) + 1);
}

static uint32_t hashPair(StackId Parent, SiteId Site) {
  uint64_t H = (uint64_t(Parent) << 32 | Site) * 0x9E3779B97F4A7C15ull;
  return uint32_t(H >> 32);
}

StackId StackDepot::find(const Table &T, StackId Parent,
                         SiteId CallSite) const {
  for (uint32_t Slot = hashPair(Parent, CallSite) & T.Mask;;
       Slot = (Slot + 1) & T.Mask) {
    StackId Id = T.Slots[Slot].load(std::memory_order_acquire);
    if (Id == 0)
      return 0;
    if (Nodes[Id].Parent.load(std::memory_order_relaxed) == Parent &&
        Nodes[Id].Site.load(std::memory_order_relaxed) == CallSite)
      return Id;
  }
}

void StackDepot::insert(Table &T, StackId Id) {
  StackId Parent = Nodes[Id].Parent.load(std::memory_order_relaxed);
  SiteId Site = Nodes[Id].Site.load(std::memory_order_relaxed);
  uint32_t Slot = hashPair(Parent, Site) & T.Mask;
  while (T.Slots[Slot].load(std::memory_order_relaxed) != 0)
    Slot = (Slot + 1) & T.Mask;
  T.Slots[Slot].store(Id, std::memory_order_release);
}

void StackDepot::grow() {
  Table *Old = Current.load(std::memory_order_relaxed);
  uint32_t Size = (Old->Mask + 1) * 2;
  if (TableCount == MaxTables)
    return;
  auto *Slots = mapLazyArray<std::atomic<StackId>>(Size);
  if (!Slots)
    return;
  Table *Fresh = &Tables[TableCount++];
  *Fresh = {Size - 1, Slots};
  uint32_t N = Count.load(std::memory_order_relaxed);
  for (StackId Id = 1; Id < N; ++Id)
    insert(*Fresh, Id);
  Current.store(Fresh, std::memory_order_release);
}

StackId StackDepot::intern(StackId Parent, SiteId CallSite) {
  Table *T = Current.load(std::memory_order_acquire);
  if (!Nodes || !T)
    return Parent;
  if (StackId Id = find(*T, Parent, CallSite))
    return Id;
  SpinGuard Guard(InsertLock);
  T = Current.load(std::memory_order_relaxed);
  if (StackId Id = find(*T, Parent, CallSite))
    return Id;
  uint32_t Id = Count.load(std::memory_order_relaxed);
  if (Id >= Capacity)
    return Parent;
  // Keep the table at most half full, so probes stay short.
  if (Id * 2 > T->Mask) {
    grow();
    T = Current.load(std::memory_order_relaxed);
    if (Id * 2 > T->Mask)
      return Parent; // no memory for a larger table
  }
  Nodes[Id].Parent.store(Parent, std::memory_order_relaxed);
  Nodes[Id].Site.store(CallSite, std::memory_order_relaxed);
  insert(*T, Id);
  Count.store(Id + 1, std::memory_order_release);
  return Id;
}

std::vector<SiteId> StackDepot::callSites(StackId Id) const {
  std::vector<SiteId> Sites;
  while (Id != 0 && Id < Capacity && Sites.size() < 4096) {
    Sites.push_back(Nodes[Id].Site.load(std::memory_order_relaxed));
    Id = Nodes[Id].Parent.load(std::memory_order_relaxed);
  }
  return Sites;
}

} // namespace racegate

//===- StackDepot.cpp -----------------------------------------------------===//
#include "StackDepot.h"

#include <sys/mman.h>

namespace racegate {

template <typename T> static T *mapArray(size_t Count) {
  void *P = mmap(nullptr, Count * sizeof(T), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return P == MAP_FAILED ? nullptr : static_cast<T *>(P);
}

StackDepot::StackDepot()
    : Nodes(mapArray<Node>(Capacity)),
      Table(mapArray<std::atomic<StackId>>(TableSize)) {}

StackDepot::~StackDepot() {
  munmap(Nodes, Capacity * sizeof(Node));
  munmap(Table, TableSize * sizeof(std::atomic<StackId>));
}

static uint32_t hashPair(StackId Parent, SiteId Site) {
  uint64_t H = (uint64_t(Parent) << 32 | Site) * 0x9E3779B97F4A7C15ull;
  return uint32_t(H >> 32);
}

StackId StackDepot::intern(StackId Parent, SiteId CallSite) {
  if (!Nodes || !Table)
    return Parent;
  for (uint32_t Slot = hashPair(Parent, CallSite) & (TableSize - 1);;
       Slot = (Slot + 1) & (TableSize - 1)) {
    StackId Id = Table[Slot].load(std::memory_order_acquire);
    if (Id == 0) {
      uint32_t Fresh = Count.fetch_add(1, std::memory_order_relaxed);
      if (Fresh >= Capacity) {
        Count.store(Capacity, std::memory_order_relaxed);
        return Parent;
      }
      Nodes[Fresh].Parent.store(Parent, std::memory_order_relaxed);
      Nodes[Fresh].Site.store(CallSite, std::memory_order_relaxed);
      if (Table[Slot].compare_exchange_strong(Id, Fresh,
                                              std::memory_order_acq_rel))
        return Fresh;
      // Another thread filled the slot first; the fresh node stays unused.
    }
    if (Nodes[Id].Parent.load(std::memory_order_relaxed) == Parent &&
        Nodes[Id].Site.load(std::memory_order_relaxed) == CallSite)
      return Id;
  }
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

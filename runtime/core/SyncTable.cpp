//===- SyncTable.cpp ------------------------------------------------------===//
#include "SyncTable.h"

#include "LazyMemory.h"

#include <new>

namespace racegate {

SyncTable::SyncTable()
    : MetaRegions(
          mapLazyArray<std::atomic<std::atomic<uint32_t> *>>(MetaRegionCount)),
      Slots(mapLazyArray<Slot>(Capacity)) {}

SyncTable::~SyncTable() {
  uint32_t End = HighWater.load(std::memory_order_relaxed);
  for (uint32_t I = 1; I < End; ++I)
    if (Slots && Slots[I].Live.load(std::memory_order_relaxed))
      Slots[I].object().~SyncObject();
  if (MetaRegions)
    for (size_t R = 0; R < MetaRegionCount; ++R)
      unmapLazyArray(MetaRegions[R].load(std::memory_order_relaxed),
                     MetaRegionGranules);
  unmapLazyArray(MetaRegions, MetaRegionCount);
  unmapLazyArray(Slots, Capacity);
}

std::atomic<uint32_t> *SyncTable::headOf(uintptr_t Address, bool Create) {
  if (!MetaRegions)
    return nullptr;
  size_t Region = (Address >> MetaRegionShift) & (MetaRegionCount - 1);
  std::atomic<uint32_t> *Base =
      MetaRegions[Region].load(std::memory_order_acquire);
  if (!Base) {
    if (!Create)
      return nullptr;
    auto *Fresh = mapLazyArray<std::atomic<uint32_t>>(MetaRegionGranules);
    if (!Fresh)
      return nullptr;
    if (MetaRegions[Region].compare_exchange_strong(
            Base, Fresh, std::memory_order_acq_rel))
      Base = Fresh;
    else
      unmapLazyArray(Fresh, MetaRegionGranules);
  }
  return &Base[(Address & ((uintptr_t(1) << MetaRegionShift) - 1)) >> 3];
}

uint32_t SyncTable::allocateSlot() {
  {
    SpinGuard Guard(FreeLock);
    if (uint32_t Index = FreeHead) {
      FreeHead = Slots[Index].Next.load(std::memory_order_relaxed);
      return Index;
    }
  }
  uint32_t Index = HighWater.load(std::memory_order_relaxed);
  while (Index < Capacity &&
         !HighWater.compare_exchange_weak(Index, Index + 1,
                                          std::memory_order_acq_rel))
    ;
  return Index < Capacity ? Index : 0;
}

void SyncTable::releaseSlot(uint32_t Index) {
  SpinGuard Guard(FreeLock);
  Slots[Index].Next.store(FreeHead, std::memory_order_relaxed);
  FreeHead = Index;
}

SyncObject *SyncTable::find(uintptr_t Address) {
  std::atomic<uint32_t> *Head = headOf(Address, /*Create=*/false);
  if (!Head)
    return nullptr;
  for (uint32_t I = Head->load(std::memory_order_acquire); I;
       I = Slots[I].Next.load(std::memory_order_acquire))
    if (Slots[I].object().Address == Address)
      return &Slots[I].object();
  return nullptr;
}

SyncObject &SyncTable::get(uintptr_t Address) {
  if (SyncObject *Found = find(Address))
    return *Found;
  std::atomic<uint32_t> *Head = headOf(Address, /*Create=*/true);
  if (!Head || !Slots)
    return Overflow;
  SpinGuard Guard(granuleLock(Address));
  if (SyncObject *Found = find(Address))
    return *Found;
  uint32_t Index = allocateSlot();
  if (!Index)
    return Overflow;
  Slot &S = Slots[Index];
  new (S.Storage) SyncObject(Address);
  S.Next.store(Head->load(std::memory_order_relaxed),
               std::memory_order_relaxed);
  S.Live.store(true, std::memory_order_release);
  MayHold.add(Address);
  MayHoldLine.add((Address >> LineShift) << 3);
  Live.fetch_add(1, std::memory_order_relaxed);
  Head->store(Index, std::memory_order_release);
  return S.object();
}

void SyncTable::eraseInGranule(uintptr_t Granule, uintptr_t Begin,
                               uintptr_t End) {
  std::atomic<uint32_t> *Head = headOf(Granule, /*Create=*/false);
  if (!Head || !Head->load(std::memory_order_acquire))
    return;
  SpinGuard Guard(granuleLock(Granule));
  std::atomic<uint32_t> *Link = Head;
  for (uint32_t I = Link->load(std::memory_order_relaxed); I;
       I = Link->load(std::memory_order_relaxed)) {
    Slot &S = Slots[I];
    uintptr_t A = S.object().Address;
    if (A < Begin || A >= End) {
      Link = &S.Next;
      continue;
    }
    // A reader still walking the chain through this slot finds its next
    // link intact until the slot is reused.
    Link->store(S.Next.load(std::memory_order_relaxed),
                std::memory_order_release);
    S.Live.store(false, std::memory_order_relaxed);
    S.object().~SyncObject();
    Live.fetch_sub(1, std::memory_order_relaxed);
    releaseSlot(I);
  }
}

void SyncTable::erase(uintptr_t Address) {
  eraseInGranule(Address & ~uintptr_t(7), Address, Address + 1);
}

void SyncTable::eraseRange(uintptr_t Begin, uintptr_t End) {
  if (End - Begin > (uintptr_t(1) << 26)) {
    // A huge mapping: listing the live objects beats asking every line.
    uint32_t Last = HighWater.load(std::memory_order_acquire);
    for (uint32_t I = 1; I < Last; ++I) {
      if (!Slots[I].Live.load(std::memory_order_acquire))
        continue;
      uintptr_t A = Slots[I].object().Address;
      if (A >= Begin && A < End)
        eraseInGranule(A & ~uintptr_t(7), Begin, End);
    }
    return;
  }
  for (uintptr_t Line = Begin >> LineShift; Line <= (End - 1) >> LineShift;
       ++Line) {
    if (!MayHoldLine.mayContain(Line << 3))
      continue;
    uintptr_t First = Line << LineShift, Last = First + (uintptr_t(1) << LineShift);
    if (First < Begin)
      First = Begin;
    if (Last > End)
      Last = End;
    for (uintptr_t G = First & ~uintptr_t(7); G < Last; G += 8)
      if (MayHold.mayContain(G))
        eraseInGranule(G, Begin, End);
  }
}

} // namespace racegate

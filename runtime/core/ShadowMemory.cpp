//===- ShadowMemory.cpp ---------------------------------------------------===//
#include "ShadowMemory.h"
#include "LazyMemory.h"

#include <cstdlib>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace racegate {

[[noreturn]] static void outOfShadow() {
  // Nothing sensible can go on without shadow memory.
  static const char Msg[] = "racegate: out of address space for shadow\n";
  (void)!write(2, Msg, sizeof(Msg) - 1);
  abort();
}

/// Zeroed, lazily backed memory of \p Bytes aligned to \p Align. The slack
/// around it stays reserved: it is never touched, so it costs no memory.
static char *mapAligned(size_t Bytes, size_t Align) {
  char *Raw = mapLazyArray<char>(Bytes + Align);
  if (!Raw)
    outOfShadow();
  return reinterpret_cast<char *>(
      (reinterpret_cast<uintptr_t>(Raw) + Align - 1) & ~(Align - 1));
}

ShadowMemory::ShadowMemory()
    : Regions(mapLazyArray<std::atomic<ShadowWord *>>(RegionCount)) {
  if (!Regions)
    outOfShadow();
}

ShadowMemory::~ShadowMemory() {
  for (size_t I = 0; I < RegionCount; ++I)
    if (ShadowWord *Base = Regions[I].load(std::memory_order_relaxed))
      unmapRaw(Base, RegionShadowBytes); // the slack is left reserved
  unmapLazyArray(Regions, RegionCount);
}

ShadowWord *ShadowMemory::mapRegion(size_t Region) {
  auto *Fresh = reinterpret_cast<ShadowWord *>(
      mapAligned(RegionShadowBytes, RegionAlign));
  ShadowWord *Expected = nullptr;
  if (Regions[Region].compare_exchange_strong(Expected, Fresh,
                                              std::memory_order_acq_rel))
    return Fresh;
  unmapRaw(Fresh, RegionShadowBytes);
  return Expected;
}

/// Shadow ranges at least this large give their pages back to the kernel
/// instead of being cleared: touching them again costs page faults, which
/// only pays off for memory that may well stay unused.
static constexpr size_t ReleaseBytes = size_t(1) << 18;

static void releaseOrClear(char *First, char *Last) {
  constexpr size_t Page = 4096;
  if (size_t(Last - First) < ReleaseBytes) {
    std::memset(First, 0, Last - First);
    return;
  }
  auto *PageBegin = reinterpret_cast<char *>(
      (reinterpret_cast<uintptr_t>(First) + Page - 1) & ~(Page - 1));
  auto *PageEnd = reinterpret_cast<char *>(
      reinterpret_cast<uintptr_t>(Last) & ~(Page - 1));
  std::memset(First, 0, PageBegin - First);
  madvise(PageBegin, PageEnd - PageBegin, MADV_DONTNEED);
  std::memset(PageEnd, 0, Last - PageEnd);
}

void ShadowMemory::resetTo(uintptr_t Addr, size_t Size, uint64_t Bits,
                           PlaceId Place) {
  uintptr_t Begin = Addr & ~uintptr_t(GranuleBytes - 1);
  uintptr_t End = Addr + Size;
  while (Begin < End) {
    size_t Region = (Begin >> RegionShift) & (RegionCount - 1);
    uintptr_t RegionEnd = (Begin | (RegionBytes - 1)) + 1;
    uintptr_t Stop = End < RegionEnd ? End : RegionEnd;
    bool Mapped = Regions[Region].load(std::memory_order_acquire);
    size_t Bytes = ((Stop - Begin + GranuleBytes - 1) / GranuleBytes) *
                   sizeof(ShadowWord);
    // Records of granules with several accesses go back to the pool; the
    // words themselves are overwritten in bulk.
    if (Bytes >= ReleaseBytes) {
      if (Mapped) {
        ShadowWord *First = &word(Begin), *Last = &word(Stop - 1) + 1;
        dropCellSets(First, Last);
        releaseOrClear(reinterpret_cast<char *>(First),
                       reinterpret_cast<char *>(Last));
      }
    } else if (Mapped || Bits) {
      ShadowWord *First = &word(Begin), *Last = &word(Stop - 1) + 1;
      PlaceId *Places = &placeOf(*First);
      for (ShadowWord *W = First; W < Last; ++W, ++Places) {
        if (Mapped)
          dropCellSet(*W);
        W->store(Bits, std::memory_order_relaxed);
        if (Bits)
          *Places = Place;
      }
    }
    Begin = Stop;
  }
}

} // namespace racegate

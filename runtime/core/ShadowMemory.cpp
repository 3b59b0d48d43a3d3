//===- ShadowMemory.cpp ---------------------------------------------------===//
#include "ShadowMemory.h"
#include "LazyMemory.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace racegate {

static void *mapZeroed(size_t Bytes) {
  void *P = mapLazyArray<char>(Bytes);
  if (!P) {
    // Nothing sensible can go on without shadow memory.
    static const char Msg[] = "racegate: out of address space for shadow\n";
    (void)!write(2, Msg, sizeof(Msg) - 1);
    abort();
  }
  return P;
}

ShadowMemory::ShadowMemory()
    : Regions(static_cast<std::atomic<ShadowCell *> *>(
          mapZeroed(RegionCount * sizeof(std::atomic<ShadowCell *>)))) {}

ShadowMemory::~ShadowMemory() {
  for (size_t I = 0; I < RegionCount; ++I)
    if (ShadowCell *Base = Regions[I].load(std::memory_order_relaxed))
      unmapLazyArray(reinterpret_cast<char *>(Base), RegionShadowBytes);
  unmapLazyArray(Regions, RegionCount);
}

ShadowCell *ShadowMemory::mapRegion(size_t Region) {
  auto *Fresh = static_cast<ShadowCell *>(mapZeroed(RegionShadowBytes));
  ShadowCell *Expected = nullptr;
  if (Regions[Region].compare_exchange_strong(Expected, Fresh,
                                              std::memory_order_acq_rel))
    return Fresh;
  unmapLazyArray(reinterpret_cast<char *>(Fresh), RegionShadowBytes);
  return Expected;
}

/// Zeroes [First, Last) of shadow; large ranges give their pages back, and
/// the kernel maps zeroes again.
static void zeroShadow(char *First, char *Last) {
  constexpr size_t Page = 4096;
  auto *PageBegin = reinterpret_cast<char *>(
      (reinterpret_cast<uintptr_t>(First) + Page - 1) & ~(Page - 1));
  auto *PageEnd = reinterpret_cast<char *>(
      reinterpret_cast<uintptr_t>(Last) & ~(Page - 1));
  if (size_t(Last - First) >= 4 * Page && PageEnd > PageBegin) {
    std::memset(First, 0, PageBegin - First);
    madvise(PageBegin, PageEnd - PageBegin, MADV_DONTNEED);
    std::memset(PageEnd, 0, Last - PageEnd);
  } else {
    std::memset(First, 0, Last - First);
  }
}

void ShadowMemory::reset(uintptr_t Addr, size_t Size) {
  uintptr_t Begin = Addr & ~uintptr_t(GranuleBytes - 1);
  uintptr_t End = Addr + Size;
  while (Begin < End) {
    size_t Region = (Begin >> RegionShift) & (RegionCount - 1);
    uintptr_t RegionEnd = (Begin | (RegionBytes - 1)) + 1;
    uintptr_t Stop = End < RegionEnd ? End : RegionEnd;
    if (Regions[Region].load(std::memory_order_acquire)) {
      auto *First = reinterpret_cast<char *>(granule(Begin));
      auto *Last = reinterpret_cast<char *>(granule(Stop - 1) + CellsPerGranule);
      zeroShadow(First, Last);
      zeroShadow(First + RegionCellBytes, Last + RegionCellBytes);
    }
    Begin = Stop;
  }
}

} // namespace racegate

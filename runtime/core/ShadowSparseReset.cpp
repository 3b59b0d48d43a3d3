//===- ShadowSparseReset.cpp - forgetting a mostly untouched range --------===//
//
// A thread's stack is megabytes, of which a short-lived thread touches a
// few pages; its shadow is reset for every thread that starts. Reading every
// shadow word of it (to find the CellSets to give back) would fault in
// thousands of pages per thread, so only the pages the kernel says are
// populated are read; then the whole range is given back to the kernel,
// which makes it read as zero. A page that was swapped out is not read: a
// CellSet it points to is lost to the pool, never to correctness.
//
//===----------------------------------------------------------------------===//
#include "ShadowMemory.h"

#include <sys/mman.h>

namespace racegate {

void ShadowMemory::dropCellSets(ShadowWord *First, ShadowWord *Last) {
  for (ShadowWord *W = First; W < Last; ++W)
    dropCellSet(*W);
}

void ShadowMemory::dropCellSetSlow(ShadowWord &Word, uint64_t Bits) {
  auto *Set = reinterpret_cast<CellSet *>(Bits & ~AccessWord::CellSetTag);
  Set->lock(Pool.lockGeneration());
  bool Owned = Word.load(std::memory_order_relaxed) == Bits;
  Word.store(0, std::memory_order_relaxed);
  Set->unlock();
  if (Owned)
    Pool.give(Set);
}

void ShadowMemory::resetSparse(uintptr_t Addr, size_t Size) {
  constexpr uintptr_t Page = 4096;
  constexpr size_t WordsPerPage = Page / sizeof(ShadowWord);
  uintptr_t Begin = Addr & ~uintptr_t(GranuleBytes - 1);
  uintptr_t End = Addr + Size;
  while (Begin < End) {
    size_t Region = (Begin >> RegionShift) & (RegionCount - 1);
    uintptr_t RegionEnd = (Begin | (RegionBytes - 1)) + 1;
    uintptr_t Stop = End < RegionEnd ? End : RegionEnd;
    uintptr_t Next = Begin;
    Begin = Stop;
    if (!Regions[Region].load(std::memory_order_acquire))
      continue; // never touched: nothing to forget
    ShadowWord *First = &word(Next), *Last = &word(Stop - 1) + 1;
    auto *PageBegin = reinterpret_cast<ShadowWord *>(
        (reinterpret_cast<uintptr_t>(First) + Page - 1) & ~(Page - 1));
    auto *PageEnd = reinterpret_cast<ShadowWord *>(
        reinterpret_cast<uintptr_t>(Last) & ~(Page - 1));
    // A region's words span at most this many pages.
    constexpr size_t MaxPages = RegionWordBytes / Page;
    unsigned char Resident[MaxPages];
    size_t Pages = PageEnd > PageBegin
                       ? size_t(PageEnd - PageBegin) / WordsPerPage
                       : 0;
    if (Pages < 4 || mincore(PageBegin, Pages * Page, Resident) != 0) {
      reset(Next, Stop - Next);
      continue;
    }
    // The partial pages at both ends are shared with other memory: cleared
    // word by word.
    dropCellSets(First, PageBegin);
    dropCellSets(PageEnd, Last);
    for (ShadowWord *W = First; W < PageBegin; ++W)
      W->store(0, std::memory_order_relaxed);
    for (ShadowWord *W = PageEnd; W < Last; ++W)
      W->store(0, std::memory_order_relaxed);
    for (size_t P = 0; P < Pages; ++P)
      if (Resident[P] & 1)
        dropCellSets(PageBegin + P * WordsPerPage,
                     PageBegin + (P + 1) * WordsPerPage);
    madvise(PageBegin, Pages * Page, MADV_DONTNEED);
  }
}

} // namespace racegate

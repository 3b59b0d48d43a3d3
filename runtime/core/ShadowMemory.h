//===- ShadowMemory.h - O(1) map from application bytes to shadow words ---===//
//
// A two-level table: the top level is indexed by the 4 MiB region of the
// address and points to that region's shadow, which is mapped on first touch
// and populated by the kernel lazily, page by page. A region's shadow is its
// granules' words followed by their places: 12 bytes for every 8 bytes of
// application memory touched. Lookups take no lock and allocate nothing
// except the first time a region is touched.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_SHADOWMEMORY_H
#define RACEGATE_CORE_SHADOWMEMORY_H

#include "CellSetPool.h"
#include "ShadowCell.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace racegate {

using ShadowWord = std::atomic<uint64_t>;

class ShadowMemory {
public:
  static constexpr unsigned AddressBits = 47;
  static constexpr unsigned RegionShift = 22;
  static constexpr uintptr_t RegionBytes = uintptr_t(1) << RegionShift;
  static constexpr size_t RegionCount = size_t(1)
                                        << (AddressBits - RegionShift);
  static constexpr size_t RegionGranules = RegionBytes / GranuleBytes;
  static constexpr size_t RegionWordBytes = RegionGranules * sizeof(ShadowWord);
  static constexpr size_t RegionShadowBytes =
      RegionWordBytes + RegionGranules * sizeof(PlaceId);

  ShadowMemory();
  ~ShadowMemory();
  ShadowMemory(const ShadowMemory &) = delete;
  ShadowMemory &operator=(const ShadowMemory &) = delete;

  /// The shadow word of the granule holding \p Addr.
  ShadowWord &word(uintptr_t Addr) {
    size_t Region = (Addr >> RegionShift) & (RegionCount - 1);
    ShadowWord *Base = Regions[Region].load(std::memory_order_acquire);
    if (__builtin_expect(Base == nullptr, 0))
      Base = mapRegion(Region);
    return Base[(Addr & (RegionBytes - 1)) / GranuleBytes];
  }

  /// The same, or null while the region was never touched.
  ShadowWord *mappedWord(uintptr_t Addr) {
    size_t Region = (Addr >> RegionShift) & (RegionCount - 1);
    ShadowWord *Base = Regions[Region].load(std::memory_order_acquire);
    if (__builtin_expect(Base == nullptr, 0))
      return nullptr;
    return &Base[(Addr & (RegionBytes - 1)) / GranuleBytes];
  }

  /// Calls \p Visit(Granule, Word) for every granule from \p Begin (a
  /// granule's first byte) up to \p End, finding each region's words once.
  template <typename Fn>
  void forEachWord(uintptr_t Begin, uintptr_t End, Fn &&Visit) {
    for (uintptr_t G = Begin; G < End;) {
      uintptr_t RegionEnd = (G | (RegionBytes - 1)) + 1;
      uintptr_t Last = End < RegionEnd ? End : RegionEnd;
      ShadowWord *Word = &word(G);
      for (; G < Last; G += GranuleBytes, ++Word)
        Visit(G, *Word);
    }
  }

  /// Whether the shadow words of \p A and \p B are in one run (region).
  static bool sameRegion(uintptr_t A, uintptr_t B) {
    return (A >> RegionShift) == (B >> RegionShift);
  }
  /// Calls \p Visit(Granule, Words, Count) for the runs of consecutive
  /// shadow words of the granules from \p Begin up to \p End, one run per
  /// region.
  template <typename Fn>
  void forEachRun(uintptr_t Begin, uintptr_t End, Fn &&Visit) {
    for (uintptr_t G = Begin; G < End;) {
      uintptr_t RegionEnd = (G | (RegionBytes - 1)) + 1;
      uintptr_t Last = End < RegionEnd ? End : RegionEnd;
      size_t Count = (Last - G + GranuleBytes - 1) / GranuleBytes;
      Visit(G, &word(G), Count);
      G += Count * GranuleBytes;
    }
  }

  /// The place of the single access a shadow word holds.
  static PlaceId &placeOf(ShadowWord &Word) {
    return *reinterpret_cast<PlaceId *>(
        reinterpret_cast<char *>(regionBase(Word)) + RegionWordBytes +
        granuleIndex(Word) * sizeof(PlaceId));
  }

  CellSetPool &cellSets() { return Pool; }

  /// Forgets every access to [Addr, Addr + Size): the memory was freed or
  /// handed to a new owner.
  void reset(uintptr_t Addr, size_t Size) { resetTo(Addr, Size, 0, 0); }
  /// The same, leaving each granule with the one access \p Bits at \p Place
  /// (a new heap block's AccessWord::fresh). A range too large to fill word
  /// by word has its shadow pages given back instead, and starts empty.
  void resetTo(uintptr_t Addr, size_t Size, uint64_t Bits, PlaceId Place);
  /// The same for a large range whose shadow was mostly never touched, such
  /// as a new thread's stack: only the shadow pages the kernel populated are
  /// looked at, and all of them are given back (ShadowSparseReset.cpp).
  void resetSparse(uintptr_t Addr, size_t Size);

private:
  ShadowWord *mapRegion(size_t Region);
  /// Gives the CellSets the words in [First, Last) point to back to the
  /// pool and clears those words.
  void dropCellSets(ShadowWord *First, ShadowWord *Last);
  /// The same for one word.
  void dropCellSet(ShadowWord &Word) {
    uint64_t Bits = Word.load(std::memory_order_relaxed);
    if (pointsToCellSet(Bits))
      dropCellSetSlow(Word, Bits);
  }
  void dropCellSetSlow(ShadowWord &Word, uint64_t Bits);
  // Region shadows are aligned to their own word-array size, so a word's
  // region and index follow from its address.
  static ShadowWord *regionBase(ShadowWord &Word) {
    return reinterpret_cast<ShadowWord *>(reinterpret_cast<uintptr_t>(&Word) &
                                          ~(RegionAlign - 1));
  }
  static size_t granuleIndex(ShadowWord &Word) {
    return (reinterpret_cast<uintptr_t>(&Word) & (RegionAlign - 1)) /
           sizeof(ShadowWord);
  }
  static constexpr size_t RegionAlign = size_t(1) << 23;
  static_assert(RegionAlign >= RegionShadowBytes);

  std::atomic<ShadowWord *> *Regions;
  CellSetPool Pool;
};

} // namespace racegate

#endif

//===- ShadowMemory.h - O(1) map from application bytes to shadow cells ---===//
//
// A two-level table: the top level is indexed by the 4 MiB region of the
// address and points to that region's shadow, which is mapped on first touch
// and populated by the kernel lazily, page by page. Lookups take no lock and
// allocate nothing except the first time a region is touched.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_SHADOWMEMORY_H
#define RACEGATE_CORE_SHADOWMEMORY_H

#include "ShadowCell.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace racegate {

class ShadowMemory {
public:
  static constexpr unsigned AddressBits = 47;
  static constexpr unsigned RegionShift = 22;
  static constexpr uintptr_t RegionBytes = uintptr_t(1) << RegionShift;
  static constexpr size_t RegionCount = size_t(1)
                                        << (AddressBits - RegionShift);
  /// A region's shadow: its access words, then as many place words.
  static constexpr size_t RegionCellBytes =
      RegionBytes / GranuleBytes * CellsPerGranule * sizeof(ShadowCell);
  static constexpr size_t RegionShadowBytes = 2 * RegionCellBytes;

  ShadowMemory();
  ~ShadowMemory();
  ShadowMemory(const ShadowMemory &) = delete;
  ShadowMemory &operator=(const ShadowMemory &) = delete;

  /// The cells of the granule holding \p Addr.
  ShadowCell *granule(uintptr_t Addr) {
    size_t Region = (Addr >> RegionShift) & (RegionCount - 1);
    ShadowCell *Base = Regions[Region].load(std::memory_order_acquire);
    if (__builtin_expect(Base == nullptr, 0))
      Base = mapRegion(Region);
    return Base + ((Addr & (RegionBytes - 1)) / GranuleBytes) * CellsPerGranule;
  }

  /// The place word that belongs to the access word \p Cell.
  static std::atomic<uint64_t> &placeOf(ShadowCell &Cell) {
    return *reinterpret_cast<std::atomic<uint64_t> *>(
        reinterpret_cast<char *>(&Cell) + RegionCellBytes);
  }

  /// Forgets every access to [Addr, Addr + Size): the memory was freed or
  /// handed to a new owner.
  void reset(uintptr_t Addr, size_t Size);


private:
  ShadowCell *mapRegion(size_t Region);

  std::atomic<ShadowCell *> *Regions;
};

} // namespace racegate

#endif

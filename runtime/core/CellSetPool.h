//===- CellSetPool.h - type-stable storage for shadow CellSets ------------===//
//
// A CellSet is taken when a granule first needs a second access and given
// back when its history collapses to one access again or the memory is
// freed. Records come in power-of-two capacities, each from its own free
// list, carved from lazily backed chunks that are never unmapped: a thread
// that still holds a pointer to a record given back reads a valid record.
//
// The smallest records are the ones taken and given back at the rate of
// memory accesses (a buffer written by one thread and read by the next, a
// grid read after its owner wrote it): each thread keeps two magazines of
// them, arrays of pointers to free records, and trades a full or an empty
// magazine with the pool at once, so that the common take and give touch
// no shared cache line and moving records touches none of them (as in
// Bonwick's magazine allocator).
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_CELLSETPOOL_H
#define RACEGATE_CORE_CELLSETPOOL_H

#include "ShadowCell.h"
#include "SpinLock.h"

#include <cstddef>

namespace racegate {

/// Free records of one size, by pointer.
struct Magazine {
  static constexpr unsigned Capacity = 62;
  Magazine *Next;
  uint32_t Count;
  CellSet *Items[Capacity];
};

/// A thread's own free records of the smallest sizes (see CellSetPool).
/// Previous is always full or empty, so that a thread taking and giving
/// around a magazine's edge swaps the two instead of going to the pool.
struct CellSetCache {
  static constexpr unsigned Classes = 2;
  Magazine *Loaded[Classes] = {};
  Magazine *Previous[Classes] = {};
  /// The free records it holds.
  size_t count() const {
    size_t Count = 0;
    for (unsigned I = 0; I < Classes; ++I)
      Count += (Loaded[I] ? Loaded[I]->Count : 0) +
               (Previous[I] ? Previous[I]->Count : 0);
    return Count;
  }
};

class CellSetPool {
public:
  /// The smallest record: two accesses, the commonest history that needs
  /// a record (a write and a read after it).
  static constexpr unsigned MinLog2Capacity = 1;
  /// Room for every thread there can be, twice (a read and a write each).
  static constexpr unsigned MaxLog2Capacity = 17;

  CellSetPool() = default;
  ~CellSetPool();
  CellSetPool(const CellSetPool &) = delete;
  CellSetPool &operator=(const CellSetPool &) = delete;

  /// An empty record for \p Granule with room for 2^Log2Capacity accesses,
  /// or null when out of memory. \p Cache: the calling thread's own.
  CellSet *take(unsigned Log2Capacity, uintptr_t Granule,
                CellSetCache *Cache = nullptr);
  /// Gives \p Set back; its owner must have stopped pointing to it.
  void give(CellSet *Set, CellSetCache *Cache = nullptr);
  /// Gives a thread's own free records back to the shared lists.
  void flush(CellSetCache &Cache);
  /// The stamp records are locked with in this process (never 0).
  uint8_t lockGeneration() const {
    return Generation.load(std::memory_order_relaxed);
  }
  /// In the child of fork(): records the vanished threads held are free.
  void forkedChild() {
    uint8_t G = Generation.load(std::memory_order_relaxed) + 1;
    Generation.store(G ? G : 1, std::memory_order_relaxed);
  }
  /// Records not free in the pool: in use, or free in some thread's cache
  /// (Detector::cellSetsInUse subtracts those).
  size_t handedOut() const {
    return HandedOut.load(std::memory_order_relaxed);
  }

  /// Offers every lock to \p Visit, for holding every lock across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    for (SizeClass &C : Classes)
      if (!Visit(C.Lock))
        return false;
    return Visit(MagazinesLock) && Visit(ChunksLock);
  }

private:
  struct SizeClass {
    SpinLock Lock;
    CellSet *Free = nullptr;
    Magazine *Full = nullptr;
    unsigned FullCount = 0;
    char *Next = nullptr, *End = nullptr;
  };
  static constexpr unsigned ClassCount = MaxLog2Capacity + 1;
  static constexpr unsigned MaxFullMagazines = 64;
  /// Up to \p Count records of class \p Class off the free list, fresh
  /// ones carved as needed, into \p Into; how many it got. C.Lock held.
  unsigned carve(unsigned Class, unsigned Count, CellSet **Into);
  /// Memory for \p Bytes more, or null.
  char *mapChunk(size_t Bytes);
  /// An empty magazine, or null.
  Magazine *emptyMagazine();
  /// Hands \p M, whatever it holds, back to the pool.
  void returnMagazine(unsigned Class, Magazine *M);
  CellSet *takeCached(unsigned Class, CellSetCache &Cache);
  void giveCached(CellSet *Set, CellSetCache &Cache);
  // A free record keeps the next free one in its first word.
  static CellSet *nextFree(CellSet *Set) {
    return reinterpret_cast<CellSet *>(
        Set->words()[0].load(std::memory_order_relaxed));
  }
  static void linkFree(CellSet *Set, CellSet *Next) {
    Set->words()[0].store(reinterpret_cast<uint64_t>(Next),
                          std::memory_order_relaxed);
  }
  static void prepare(CellSet *Set, unsigned Log2Capacity, uintptr_t Granule);
  static constexpr size_t ChunkBytes = size_t(1) << 20;
  SizeClass Classes[ClassCount];
  /// Every chunk begins with a link to the one mapped before it.
  struct ChunkHeader {
    ChunkHeader *Previous;
    size_t Bytes;
  };
  SpinLock MagazinesLock;
  Magazine *EmptyMagazines = nullptr;
  char *MagazineNext = nullptr, *MagazineEnd = nullptr;
  SpinLock ChunksLock;
  ChunkHeader *LastChunk = nullptr;
  std::atomic<size_t> HandedOut{0};
  std::atomic<uint8_t> Generation{1};
};

} // namespace racegate

#endif

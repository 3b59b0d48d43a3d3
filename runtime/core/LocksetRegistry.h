//===- LocksetRegistry.h - interned sets of held locks --------------------===//
//
// A race report lists the locks each side held. The earlier side is long
// gone by then, so the set of locks a thread held at a remembered access is
// interned to a small id, which the thread's AccessHistory records (see
// Detector::placeOf). A thread interns its set only when an access made
// while holding it is remembered, not at every lock and unlock: most
// critical sections never need it, and a program with a million locks would
// otherwise keep a million sets.
//
// Sets live in an append-only arena and are found through an open-addressing
// table of ids, both mapped lazily. The table starts small and is replaced
// by one twice its size as it fills (a lookup that still probes an older one
// may miss a newer set, and then finds it under the lock), so a lookup takes
// no lock and allocates nothing, and only the pages in use cost memory.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_LOCKSETREGISTRY_H
#define RACEGATE_CORE_LOCKSETREGISTRY_H

#include "SpinLock.h"
#include "Types.h"

#include <atomic>
#include <cstddef>
#include <vector>

namespace racegate {

/// A held lock as remembered for reports: where it was taken.
struct LockRecord {
  uintptr_t Address = 0;
  StackId Stack = 0;
  SiteId Site = 0;
  bool Exclusive = true;

  bool operator==(const LockRecord &O) const {
    return Address == O.Address && Stack == O.Stack && Site == O.Site &&
           Exclusive == O.Exclusive;
  }
};

class LocksetRegistry {
public:
  /// Sets beyond this many are not told apart: they share Overflow.
  static constexpr uint32_t MaxSets = 1u << 22;
  /// The id of every set past MaxSets (or past the arena): a report says
  /// nothing about its locks rather than something wrong.
  static constexpr uint32_t Overflow = 1;

  LocksetRegistry();
  ~LocksetRegistry();
  LocksetRegistry(const LocksetRegistry &) = delete;
  LocksetRegistry &operator=(const LocksetRegistry &) = delete;

  /// The id of the set of \p Count locks \p At(I) returns, in that order;
  /// 0 is the empty set.
  template <typename Get> uint32_t intern(size_t Count, Get &&At) {
    if (Count == 0)
      return 0;
    uint32_t Hash = hashOf(Count, At);
    if (uint32_t Id = find(Hash, Count, At))
      return Id;
    return insert(Hash, Count, At);
  }
  uint32_t intern(const std::vector<LockRecord> &Locks) {
    return intern(Locks.size(), [&](size_t I) { return Locks[I]; });
  }
  /// The locks of set \p Id. Allocates: for reports.
  std::vector<LockRecord> locks(uint32_t Id) const;
  size_t size() const { return Count.load(std::memory_order_relaxed); }

  /// Offers the lock to \p Visit, for holding every lock across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    return Visit(InsertLock);
  }

private:
  // A record is two words: the address with bit 63 set for a shared hold,
  // and the stack and site.
  static constexpr uint64_t SharedBit = uint64_t(1) << 63;
  static constexpr size_t ArenaWords = size_t(1) << 26;
  static constexpr uint32_t FirstTableSlots = 1u << 10;
  static constexpr unsigned MaxTables = 14; // the last holds 2 * MaxSets

  struct Table {
    uint32_t Mask = 0;
    std::atomic<uint32_t> *Slots = nullptr;
  };

  static uint64_t addressWord(const LockRecord &L) {
    return uint64_t(L.Address) | (L.Exclusive ? 0 : SharedBit);
  }
  static uint64_t placeWord(const LockRecord &L) {
    return uint64_t(L.Stack) << 32 | L.Site;
  }
  template <typename Get> static uint32_t hashOf(size_t Count, Get &At) {
    uint64_t H = Count * 0x9E3779B97F4A7C15ull;
    for (size_t I = 0; I < Count; ++I) {
      LockRecord L = At(I);
      H = (H ^ addressWord(L)) * 0xff51afd7ed558ccdull;
      H = (H ^ placeWord(L)) * 0xc4ceb9fe1a85ec53ull;
    }
    return uint32_t(H >> 32) | 1; // never 0, the mark of a free slot
  }
  template <typename Get>
  bool matches(uint32_t Id, uint32_t Hash, size_t Count, Get &At) const {
    if (Hashes[Id] != Hash)
      return false;
    const uint64_t *Set = Arena + Offsets[Id];
    if (Set[0] != Count)
      return false;
    for (size_t I = 0; I < Count; ++I) {
      LockRecord L = At(I);
      if (Set[1 + 2 * I] != addressWord(L) || Set[2 + 2 * I] != placeWord(L))
        return false;
    }
    return true;
  }
  template <typename Get>
  uint32_t find(uint32_t Hash, size_t Count, Get &At) const {
    const Table *T = Current.load(std::memory_order_acquire);
    if (!T)
      return Overflow;
    for (uint32_t Slot = Hash & T->Mask;; Slot = (Slot + 1) & T->Mask) {
      uint32_t Id = T->Slots[Slot].load(std::memory_order_acquire);
      if (Id == 0)
        return 0;
      if (matches(Id, Hash, Count, At))
        return Id;
    }
  }
  template <typename Get> uint32_t insert(uint32_t Hash, size_t Count, Get &At) {
    SpinGuard Guard(InsertLock);
    if (uint32_t Id = find(Hash, Count, At))
      return Id;
    uint32_t Id = this->Count.load(std::memory_order_relaxed);
    if (Id >= MaxSets || ArenaUsed + 1 + 2 * Count > ArenaWords)
      return Overflow;
    // At most half full, so that probes stay short.
    const Table *T = Current.load(std::memory_order_relaxed);
    if (Id * 2 > T->Mask && !(T = grow()))
      return Overflow;
    uint64_t *Set = Arena + ArenaUsed;
    Set[0] = Count;
    for (size_t I = 0; I < Count; ++I) {
      LockRecord L = At(I);
      Set[1 + 2 * I] = addressWord(L);
      Set[2 + 2 * I] = placeWord(L);
    }
    Offsets[Id] = uint32_t(ArenaUsed);
    Hashes[Id] = Hash;
    ArenaUsed += 1 + 2 * Count;
    // Published last: a reader that finds the id finds the set whole.
    place(*T, Id);
    this->Count.store(Id + 1, std::memory_order_release);
    return Id;
  }
  /// Puts \p Id into \p T. InsertLock held.
  void place(const Table &T, uint32_t Id) {
    uint32_t Slot = Hashes[Id] & T.Mask;
    while (T.Slots[Slot].load(std::memory_order_relaxed) != 0)
      Slot = (Slot + 1) & T.Mask;
    T.Slots[Slot].store(Id, std::memory_order_release);
  }
  /// A table twice the current one's size with every set in it, made
  /// current; null when out of room. InsertLock held.
  const Table *grow();

  uint64_t *Arena = nullptr;
  uint32_t *Offsets = nullptr;
  uint32_t *Hashes = nullptr;
  // Every table ever used, smallest first: lookups may still probe an old
  // one.
  Table Tables[MaxTables];
  unsigned TableCount = 0; // guarded by InsertLock
  std::atomic<const Table *> Current{nullptr};
  size_t ArenaUsed = 0;    // guarded by InsertLock
  std::atomic<uint32_t> Count{2}; // 0: the empty set; 1: Overflow
  SpinLock InsertLock;
};

} // namespace racegate

#endif

//===- SyncTable.h - state of every synchronization object by address -----===//
#ifndef RACEGATE_CORE_SYNCTABLE_H
#define RACEGATE_CORE_SYNCTABLE_H

#include "AddressFilter.h"
#include "SpinLock.h"
#include "Types.h"
#include "VectorClock.h"

#include <atomic>
#include <vector>

namespace racegate {

/// A mutex, rwlock, semaphore, condition variable or atomic variable that
/// carries happens-before from the threads that release it to the threads
/// that acquire it.
struct SyncObject {
  explicit SyncObject(uintptr_t Address) : Address(Address) {}

  const uintptr_t Address;
  /// When Clock and LifeClock are exactly what one thread had at a release
  /// store (its clocks, its own entry that epoch): that epoch's bits
  /// (AccessWord::epochBits), else 0. An acquire load by a thread whose
  /// clocks already hold that epoch of that thread learns nothing new: a
  /// clock holding a thread's epoch holds all that thread knew then. It
  /// spares the common load of an old pointer the locks and joins. Every
  /// other change of the clocks clears it (clocksChanged()).
  std::atomic<uint64_t> SoleRelease{0};
  void clocksChanged() { SoleRelease.store(0, std::memory_order_relaxed); }
  SpinLock Lock; // guards everything below
  /// What exclusive owners (and every releaser of a non-lock) published.
  VectorClock Clock;
  /// What shared (reader) owners published: only the next exclusive owner
  /// acquires it, so readers stay unordered with each other.
  VectorClock ReadClock;

  // Ownership, for lock misuse and the wait-for graph.
  static constexpr Tid NoOwner = ~Tid(0);
  Tid Owner = NoOwner;
  unsigned Recursion = 0;
  std::vector<Tid> Readers;
  bool EverLocked = false;

  // Acquisitions, for starvation: the total and who took it how often.
  uint64_t Acquisitions = 0;
  std::vector<std::pair<Tid, uint64_t>> AcquisitionsByThread;

  // Condition variables: the mutex used with it, how many wait now, and the
  // last notify, for explaining a lost wakeup.
  uintptr_t CondMutex = 0;
  unsigned Waiters = 0;
  bool LastNotifyFoundNoWaiter = false;
  StackId LastNotifyStack = 0;
  SiteId LastNotifySite = 0;
  Tid LastNotifyThread = 0;

  /// What every schedule orders before a wait on this object returns (see
  /// ThreadState::LifeClock): the releases of an atomic a plain load reads,
  /// a barrier's arrivals, what all of a semaphore's posts have in common.
  VectorClock LifeClock;
  bool LifePublished = false;

  // Condition variables: of the threads waiting, how many a notify has
  // woken (they may still be waiting for the mutex).
  unsigned WokenWaiters = 0;

  // Barriers: parties expected per round, and arrivals in the round under
  // way (threads that wait at it now).
  unsigned BarrierParties = 0;
  unsigned BarrierArrived = 0;
  VectorClock CompletedRoundClock;

  // POSIX semaphores: the value sem_init gave, -1 when unknown.
  int64_t SemaphoreInitial = -1;
};

/// Sync objects by address without a hash table: a metadata shadow keeps,
/// for every 8-byte granule of application memory, the index of the first
/// object that lives in it (objects of one granule are chained). Lookups
/// take no lock; creating and erasing take one of a few locks chosen by the
/// granule. Objects live in a type-stable array, so a pointer to an erased
/// one still points to some object, and a live object costs its own size
/// and four bytes of metadata (on a page shared with its neighbours).
class SyncTable {
public:
  SyncTable();
  ~SyncTable();
  SyncTable(const SyncTable &) = delete;
  SyncTable &operator=(const SyncTable &) = delete;

  /// The object at \p Address, created on first use. The reference stays
  /// valid until erase(Address).
  SyncObject &get(uintptr_t Address);
  SyncObject *find(uintptr_t Address);
  void erase(uintptr_t Address);
  /// Forgets every object in [Begin, End): the memory was freed. Cheap when
  /// the range holds none, which is almost always.
  void eraseRange(uintptr_t Begin, uintptr_t End);
  /// False proves that no object was ever created in [Begin, End).
  bool mayHoldIn(uintptr_t Begin, uintptr_t End) const {
    if (End - Begin > (uintptr_t(1) << 30))
      return true;
    for (uintptr_t Line = Begin >> LineShift; Line <= (End - 1) >> LineShift;
         ++Line)
      if (MayHoldLine.mayContain(Line << 3))
        return true;
    return false;
  }
  size_t size() const { return Live.load(std::memory_order_relaxed); }
  /// Slots ever handed out: erased objects' slots are reused first.
  size_t slotsUsed() const {
    return HighWater.load(std::memory_order_relaxed) - 1;
  }

  /// Offers every lock to \p Visit, outer ones first, until it returns
  /// false; for holding them all across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    // With every granule lock held no object is created or erased, so the
    // live ones can be listed.
    for (SpinLock &L : GranuleLocks)
      if (!Visit(L))
        return false;
    if (!Visit(FreeLock) || !Visit(Overflow.Lock))
      return false;
    uint32_t End = HighWater.load(std::memory_order_acquire);
    for (uint32_t I = 1; I < End; ++I)
      if (Slots[I].Live.load(std::memory_order_acquire) &&
          !Visit(Slots[I].object().Lock))
        return false;
    return true;
  }

  static constexpr uint32_t Capacity = 1u << 22;

private:
  struct Slot {
    alignas(SyncObject) unsigned char Storage[sizeof(SyncObject)];
    /// The next object of the same granule, or the next free slot.
    std::atomic<uint32_t> Next;
    std::atomic<bool> Live;
    SyncObject &object() { return *reinterpret_cast<SyncObject *>(Storage); }
  };

  // The metadata shadow, in regions mapped on first use.
  static constexpr unsigned AddressBits = 47, MetaRegionShift = 26;
  static constexpr size_t MetaRegionCount = size_t(1)
                                            << (AddressBits - MetaRegionShift);
  static constexpr size_t MetaRegionGranules =
      (size_t(1) << MetaRegionShift) / 8;
  std::atomic<uint32_t> *headOf(uintptr_t Address, bool Create);

  SpinLock &granuleLock(uintptr_t Address) {
    return GranuleLocks[((Address >> 3) * 0x9E3779B1u) % GranuleLockCount];
  }
  uint32_t allocateSlot();
  void releaseSlot(uint32_t Index);
  /// Unlinks and destroys the objects of one granule inside [Begin, End).
  void eraseInGranule(uintptr_t Granule, uintptr_t Begin, uintptr_t End);

  std::atomic<std::atomic<uint32_t> *> *MetaRegions;
  Slot *Slots;
  std::atomic<uint32_t> HighWater{1}; // slot 0 means "none"
  uint32_t FreeHead = 0;              // guarded by FreeLock
  SpinLock FreeLock;
  std::atomic<size_t> Live{0};
  static constexpr unsigned GranuleLockCount = 64;
  SpinLock GranuleLocks[GranuleLockCount];
  /// Shared by every object created once the slots are exhausted: less
  /// precise, never a crash.
  SyncObject Overflow{0};

  /// Where objects may live, so freeing memory rarely has to look.
  AddressFilter MayHold;
  /// The same per 512-byte line (indexed as if lines were words), so a
  /// freed block asks once per line instead of once per word.
  static constexpr unsigned LineShift = 9;
  AddressFilter MayHoldLine;
};

} // namespace racegate

#endif

//===- SyncTable.h - state of every synchronization object by address -----===//
#ifndef RACEGATE_CORE_SYNCTABLE_H
#define RACEGATE_CORE_SYNCTABLE_H

#include "AddressFilter.h"
#include "SpinLock.h"
#include "Types.h"
#include "VectorClock.h"

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

namespace racegate {

/// A mutex, rwlock, semaphore, condition variable or atomic variable that
/// carries happens-before from the threads that release it to the threads
/// that acquire it.
struct SyncObject {
  explicit SyncObject(uintptr_t Address) : Address(Address) {}

  const uintptr_t Address;
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

  // Barriers: parties expected per round.
  unsigned BarrierParties = 0;
};

class SyncTable {
public:
  /// The object at \p Address, created on first use. The reference stays
  /// valid until erase(Address).
  SyncObject &get(uintptr_t Address);
  SyncObject *find(uintptr_t Address);
  void erase(uintptr_t Address);
  /// Forgets every object in [Begin, End): the memory was freed. Cheap when
  /// the range holds none, which is almost always.
  void eraseRange(uintptr_t Begin, uintptr_t End);
  size_t size();

private:
  static constexpr unsigned ShardCount = 256;
  struct Shard {
    SpinLock Lock;
    std::unordered_map<uintptr_t, std::unique_ptr<SyncObject>> Objects;
  };
  Shard &shardFor(uintptr_t Address) {
    return Shards[(Address >> 3) * 0x9E3779B1u % ShardCount];
  }
  Shard Shards[ShardCount];

  /// Where objects may live, so freeing memory rarely has to look.
  AddressFilter MayHold;
};

} // namespace racegate

#endif

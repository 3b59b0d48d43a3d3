//===- HeapRegistry.h - live heap blocks, for naming racy memory ----------===//
#ifndef RACEGATE_CORE_HEAPREGISTRY_H
#define RACEGATE_CORE_HEAPREGISTRY_H

#include "SpinLock.h"
#include "Types.h"

#include <map>
#include <optional>

namespace racegate {

struct HeapBlock {
  uintptr_t Address = 0;
  size_t Size = 0;
  Tid Thread = 0;
  StackId Stack = 0;
  SiteId Site = 0;
};

class HeapRegistry {
public:
  void add(const HeapBlock &Block);
  /// Removes the block that starts at \p Address and returns it.
  std::optional<HeapBlock> remove(uintptr_t Address);
  /// The block that contains \p Address.
  std::optional<HeapBlock> find(uintptr_t Address) const;

  /// Offers every lock to \p Visit, outer ones first, until it returns
  /// false; for holding them all across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    for (Shard &S : Shards)
      if (!Visit(S.Lock))
        return false;
    return true;
  }

private:
  static constexpr unsigned ShardCount = 64;
  struct Shard {
    mutable SpinLock Lock;
    std::map<uintptr_t, HeapBlock> Blocks;
  };
  Shard &shardFor(uintptr_t Address) {
    return Shards[(Address >> 4) % ShardCount];
  }
  Shard Shards[ShardCount];
};

} // namespace racegate

#endif

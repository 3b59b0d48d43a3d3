//===- HeapRegistry.cpp ---------------------------------------------------===//
//
// Blocks are sharded by their start address so allocation and free rarely
// contend; finding the block around an arbitrary address asks every shard,
// which only happens when a report is written.
//
//===----------------------------------------------------------------------===//
#include "HeapRegistry.h"

namespace racegate {

void HeapRegistry::add(const HeapBlock &Block) {
  Shard &S = shardFor(Block.Address);
  SpinGuard Guard(S.Lock);
  S.Blocks[Block.Address] = Block;
}

std::optional<HeapBlock> HeapRegistry::remove(uintptr_t Address) {
  Shard &S = shardFor(Address);
  SpinGuard Guard(S.Lock);
  auto It = S.Blocks.find(Address);
  if (It == S.Blocks.end())
    return std::nullopt;
  HeapBlock Block = It->second;
  S.Blocks.erase(It);
  return Block;
}

std::optional<HeapBlock> HeapRegistry::find(uintptr_t Address) const {
  std::optional<HeapBlock> Best;
  for (const Shard &S : Shards) {
    SpinGuard Guard(S.Lock);
    auto It = S.Blocks.upper_bound(Address);
    if (It == S.Blocks.begin())
      continue;
    --It;
    const HeapBlock &B = It->second;
    if (Address < B.Address + (B.Size ? B.Size : 1) &&
        (!Best || B.Address > Best->Address))
      Best = B;
  }
  return Best;
}

} // namespace racegate

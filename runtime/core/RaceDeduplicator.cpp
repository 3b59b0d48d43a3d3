//===- RaceDeduplicator.cpp -----------------------------------------------===//
#include "RaceDeduplicator.h"

namespace racegate {

bool RaceDeduplicator::firstTime(SiteId A, SiteId B,
                                 std::string_view LocationA,
                                 std::string_view LocationB) {
  uint64_t Key = pairKey(A, B);
  Recent[Key % RecentSize].store(Key, std::memory_order_relaxed);
  // Distinct sites can share a location (a load and a store of one
  // expression): the pair of locations is what must be new.
  if (LocationB < LocationA)
    std::swap(LocationA, LocationB);
  std::string PairText(LocationA);
  PairText += '\x1f';
  PairText += LocationB;
  SpinGuard Guard(Lock);
  return Reported.insert(std::move(PairText)).second;
}

} // namespace racegate

//===- RaceDeduplicator.h - one report per pair of source locations -------===//
#ifndef RACEGATE_CORE_RACEDEDUPLICATOR_H
#define RACEGATE_CORE_RACEDEDUPLICATOR_H

#include "SpinLock.h"
#include "Types.h"

#include <atomic>
#include <set>
#include <string>
#include <string_view>

namespace racegate {

class RaceDeduplicator {
public:
  /// Whether the pair of sites was already reported: a cheap check on ids
  /// that may answer "don't know" (false) but never wrongly "yes".
  bool seenSites(SiteId A, SiteId B) const {
    uint64_t Key = pairKey(A, B);
    return Recent[Key % RecentSize].load(std::memory_order_relaxed) == Key;
  }

  /// Records the pair of locations; true when it is new and must be reported.
  bool firstTime(SiteId A, SiteId B, std::string_view LocationA,
                 std::string_view LocationB);

  /// Offers the lock to \p Visit, for holding every lock across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    return Visit(Lock);
  }

private:
  static uint64_t pairKey(SiteId A, SiteId B) {
    if (A > B)
      std::swap(A, B);
    return (uint64_t(A) << 32 | B) + 1;
  }
  static constexpr unsigned RecentSize = 4096;
  std::atomic<uint64_t> Recent[RecentSize] = {};
  SpinLock Lock;
  std::set<std::string> Reported;
};

} // namespace racegate

#endif

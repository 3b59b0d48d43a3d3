//===- HappensBeforeFrontier.h - what every thread has seen ---------------===//
//
// An access that every live thread is already ordered after can never race
// again: the live threads' clocks only grow, and a thread created later
// starts from its creator's clock. The frontier is, for each slot, a clock
// at or below what every live thread knows of that slot; an access at or
// below it is forgotten instead of being kept beside the next one (data a
// thread filled before starting the workers, everything before the last
// barrier all threads passed). Keeping it would cost a record per granule.
//
// Each thread publishes its clock into a row of its own whenever the clock
// grows by an acquisition; a published entry is a value the clock had, so
// it is at most what the clock is now. The frontier is the minimum of the
// live threads' rows, recomputed now and then, and only ever raised: every
// value it takes is a lower bound of every live thread's clock, whichever
// row values were read.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_HAPPENSBEFOREFRONTIER_H
#define RACEGATE_CORE_HAPPENSBEFOREFRONTIER_H

#include "ShadowCell.h"
#include "Types.h"

#include <atomic>

namespace racegate {

class HappensBeforeFrontier {
public:
  /// Slots the frontier tracks; accesses of higher slots are never
  /// forgotten this way.
  static constexpr unsigned Slots = 256;

  /// Whether \p Old is ordered before everything any thread does from now
  /// on.
  bool covers(AccessWord Old) const {
    Tid T = Old.tid();
    return T < Slots && Old.clock() <= Min[T].load(std::memory_order_acquire);
  }
  /// Raises slot \p T to \p C if that is higher.
  void raise(Tid T, Clock C) {
    if (T < Slots && C > Min[T].load(std::memory_order_relaxed))
      Min[T].store(C, std::memory_order_release);
  }

private:
  std::atomic<Clock> Min[Slots] = {};
};

/// A thread's published clock: the row the frontier is the minimum of.
struct PublishedClock {
  std::atomic<Clock> Entries[HappensBeforeFrontier::Slots] = {};
  /// Entries from here on are 0.
  std::atomic<unsigned> Size{0};
  /// Publications since the last recomputation this thread asked for.
  unsigned SinceRecompute = 0;

  void clear() {
    unsigned N = Size.load(std::memory_order_relaxed);
    for (unsigned I = 0; I < N; ++I)
      Entries[I].store(0, std::memory_order_relaxed);
    Size.store(0, std::memory_order_release);
    SinceRecompute = 0;
  }
};

} // namespace racegate

#endif

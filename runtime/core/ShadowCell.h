//===- ShadowCell.h - one remembered access to an 8-byte granule ----------===//
//
// Application memory is shadowed in 8-byte granules. Each granule has a few
// cells, each remembering one earlier access as a FastTrack epoch (thread and
// clock) plus the exact bytes it touched, so accesses to different bytes of a
// word never conflict. A second word remembers where the access happened, so
// a report can always show the earlier access's full stack.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_SHADOWCELL_H
#define RACEGATE_CORE_SHADOWCELL_H

#include "Types.h"

#include <atomic>
#include <cstdint>

namespace racegate {

/// The packed description of an access:
///   bits 0-7   which bytes of the granule were touched
///   bit  8     write
///   bit  9     atomic
///   bits 10-25 thread
///   bits 26-63 clock of the thread at the access
/// An all-zero word is an empty cell (no thread's clock is ever 0).
class AccessWord {
public:
  static constexpr unsigned TidShift = 10, ClockShift = 26;

  constexpr AccessWord() = default;
  constexpr explicit AccessWord(uint64_t Bits) : Bits(Bits) {}

  static constexpr uint64_t epochBits(Tid T, Clock C) {
    return (uint64_t(T) << TidShift) | (uint64_t(C) << ClockShift);
  }
  static constexpr AccessWord make(uint64_t EpochBits, uint8_t Mask,
                                   bool Write, bool Atomic) {
    return AccessWord(EpochBits | Mask | (uint64_t(Write) << 8) |
                      (uint64_t(Atomic) << 9));
  }

  bool empty() const { return Bits == 0; }
  /// Same thread and same clock.
  bool sameEpoch(AccessWord Other) const {
    return (Bits ^ Other.Bits) >> TidShift == 0;
  }
  uint8_t mask() const { return uint8_t(Bits); }
  bool isWrite() const { return Bits & (1u << 8); }
  bool isAtomic() const { return Bits & (1u << 9); }
  Tid tid() const { return Tid((Bits >> TidShift) & 0xffff); }
  Clock clock() const { return Bits >> ClockShift; }
  uint64_t bits() const { return Bits; }

private:
  uint64_t Bits = 0;
};

/// Where an access happened: the interned call stack and the access site.
struct AccessPlace {
  StackId Stack = 0;
  SiteId Site = 0;

  uint64_t pack() const { return (uint64_t(Site) << 32) | Stack; }
  static AccessPlace unpack(uint64_t W) {
    return {StackId(W & 0xffffffff), SiteId(W >> 32)};
  }
};

/// A shadow cell is the packed AccessWord of one remembered access. Its
/// AccessPlace lives in a parallel array (ShadowMemory::placeOf), touched
/// only when an access is stored or reported, so the check that every access
/// makes reads half as much memory. Cells are read and written without
/// locks by every thread; a torn pair only ever costs the accuracy of a
/// report's earlier stack.
using ShadowCell = std::atomic<uint64_t>;

constexpr unsigned CellsPerGranule = 4;
constexpr unsigned GranuleBytes = 8;

} // namespace racegate

#endif

//===- ShadowCell.h - what the shadow remembers of an 8-byte granule ------===//
//
// Application memory is shadowed in 8-byte granules, each by one 8-byte
// shadow word and one 4-byte place. Most granules are touched by one thread
// at a time, or by accesses that happen after one another: then the word is
// the single access that stands for all earlier ones (it happens after them
// and is at least as strong on at least the same bytes), and the place says
// where it happened. Only a granule whose history really needs more than one
// access (concurrent readers, a read after a write it cannot subsume,
// different bytes by different threads) has its word point to a CellSet, a
// record of as many accesses as it needs. Nothing is ever evicted, so no
// race is missed for lack of room.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_SHADOWCELL_H
#define RACEGATE_CORE_SHADOWCELL_H

#include "SpinLock.h"
#include "Types.h"

#include <atomic>
#include <cstdint>

namespace racegate {

/// The packed description of an access:
///   bits 0-7   which bytes of the granule were touched
///   bit  8     write
///   bit  9     atomic
///   bits 10-25 thread
///   bit  26    fresh: the allocation's own write, which no access of the
///              allocating thread has replaced yet (see isFresh)
///   bits 27-62 clock of the thread at the access
///   bit  63    clear (set: the shadow word points to a CellSet)
/// An all-zero word is an empty cell (no thread's clock is ever 0).
class AccessWord {
public:
  static constexpr unsigned TidShift = 10, ClockShift = 27;
  static constexpr uint64_t FreshBit = uint64_t(1) << 26;
  static constexpr uint64_t CellSetTag = uint64_t(1) << 63;
  /// The bits that say what the access did, below its epoch.
  static constexpr uint64_t KindBits = (1u << TidShift) - 1;

  constexpr AccessWord() = default;
  constexpr explicit AccessWord(uint64_t Bits) : Bits(Bits) {}

  static constexpr uint64_t epochBits(Tid T, Clock C) {
    return (uint64_t(T) << TidShift) |
           ((uint64_t(C) << ClockShift) & ~CellSetTag);
  }
  static constexpr AccessWord make(uint64_t EpochBits, uint8_t Mask,
                                   bool Write, bool Atomic) {
    return AccessWord(EpochBits | Mask | (uint64_t(Write) << 8) |
                      (uint64_t(Atomic) << 9));
  }

  /// The write that stands for an allocation by the thread of \p EpochBits:
  /// a granule of a new heap block starts with it, so that a use of the
  /// block not ordered after its allocation is a race, and the allocating
  /// thread's first accesses find a word of their own.
  static constexpr AccessWord fresh(uint64_t EpochBits) {
    return AccessWord(make(EpochBits, 0xff, true, false).Bits | FreshBit);
  }

  bool empty() const { return Bits == 0; }
  /// Whether this is an allocation's write (fresh()). While it is the word
  /// of the epoch the allocating thread is still in, no other thread can be
  /// ordered after it: another thread's access in between races with it
  /// and was reported when it was stored, so the allocating thread may
  /// replace it with a plain store.
  bool isFresh() const { return Bits & FreshBit; }
  /// Whether \p Earlier, made by the same thread in the same epoch, already
  /// covers this access: on at least these bytes, at least as strong, and
  /// atomic alike. Whatever races with this one raced with that one.
  static bool coveredBy(uint64_t Now, uint64_t Earlier) {
    return ((Now ^ Earlier) & ~KindBits) == 0 &&
           (Now & ~Earlier & 0x1ff) == 0 && ((Now ^ Earlier) & 0x200) == 0;
  }
  uint8_t mask() const { return uint8_t(Bits); }
  bool isWrite() const { return Bits & (1u << 8); }
  bool isAtomic() const { return Bits & (1u << 9); }
  Tid tid() const { return Tid((Bits >> TidShift) & 0xffff); }
  Clock clock() const { return (Bits & ~CellSetTag) >> ClockShift; }
  uint64_t bits() const { return Bits; }

private:
  uint64_t Bits = 0;
};

/// Two accesses of one thread in one tagged word: a write and a later
/// read of some of its bytes or a later write, or a read and any later
/// access. It is the commonest history that one access cannot stand for:
/// data a thread writes, publishes (a new epoch) and reads back, or
/// rewrites in parts; a table a thread reads in whole and then, in a new
/// epoch, in halves again. Without it, each would take a CellSet, given
/// back at the next access that stands for both.
///   bit  0     set (a CellSet pointer is aligned: its bit 0 is clear)
///   bits 1-8   the bytes of the first access
///   bits 9-16  the bytes of the second (after a write, a read of some of
///              its bytes or a write)
///   bit  17    the second is a write
///   bits 18-24 thread
///   bits 25-34 epochs from the first to the second (1 to 1023)
///   bit  35    the first is a write
///   bits 36-62 clock of the thread at the second
///   bit  63    set, as for a CellSet
/// Neither is atomic. A history that does not fit (more threads, a longer
/// gap, a later clock) takes a CellSet as before. The granule's place is a
/// pair place (see Detector::pairPlace): the first's, then the second's.
class AccessPair {
public:
  static constexpr unsigned FirstMaskShift = 1, SecondMaskShift = 9,
                            SecondWriteShift = 17, TidShift = 18,
                            GapShift = 25, FirstWriteShift = 35,
                            ClockShift = 36;
  static constexpr uint64_t Tags = AccessWord::CellSetTag | 1;

  explicit AccessPair(uint64_t Bits) : Bits(Bits) {}

  static bool is(uint64_t Bits) { return (Bits & Tags) == Tags; }
  /// Whether \p First then \p Second fit a pair.
  static bool fits(AccessWord First, AccessWord Second) {
    return !First.empty() && !First.isAtomic() && !Second.isAtomic() &&
           First.tid() == Second.tid() && First.tid() < (1u << 7) &&
           First.clock() < Second.clock() &&
           Second.clock() - First.clock() < (1u << 10) &&
           Second.clock() < (Clock(1) << (63 - ClockShift)) &&
           (!First.isWrite() || Second.isWrite() ||
            !(Second.mask() & ~First.mask()));
  }
  /// The pair of \p First and \p Second, as fits() allows.
  static AccessPair make(AccessWord First, AccessWord Second) {
    return AccessPair(Tags | uint64_t(First.mask()) << FirstMaskShift |
                      uint64_t(Second.mask()) << SecondMaskShift |
                      uint64_t(Second.isWrite()) << SecondWriteShift |
                      uint64_t(First.tid()) << TidShift |
                      (Second.clock() - First.clock()) << GapShift |
                      uint64_t(First.isWrite()) << FirstWriteShift |
                      Second.clock() << ClockShift);
  }

  Tid tid() const { return Tid((Bits >> TidShift) & 0x7f); }
  AccessWord first() const {
    Clock Second = secondClock();
    return AccessWord::make(
        AccessWord::epochBits(tid(), Second - ((Bits >> GapShift) & 0x3ff)),
        uint8_t(Bits >> FirstMaskShift), (Bits >> FirstWriteShift) & 1,
        false);
  }
  AccessWord second() const {
    return AccessWord::make(AccessWord::epochBits(tid(), secondClock()),
                            uint8_t(Bits >> SecondMaskShift),
                            (Bits >> SecondWriteShift) & 1, false);
  }
  uint64_t bits() const { return Bits; }

private:
  Clock secondClock() const {
    return (Bits & ~AccessWord::CellSetTag) >> ClockShift;
  }
  uint64_t Bits;
};

/// Two reads of the same bytes by two threads, neither ordered before the
/// other: read-shared data (a table main filled, swept by every worker).
/// Neither stands for the other, since a later write must be checked
/// against both, but both fit one tagged word where they would otherwise
/// take a CellSet, which costs five times the memory and a lock.
///   bit  0     clear (set: an AccessPair)
///   bit  1     set (a CellSet pointer is aligned: its bit 1 is clear)
///   bits 2-9   the bytes both read
///   bit  10    both atomic
///   bits 11-16 the first's thread, bits 17-22 the second's
///   bits 23-42 the first's clock, bits 43-62 the second's
///   bit  63    set, as for a CellSet
/// Only reads made at one place pair up (the same code, run by two
/// threads): the granule's place is then the place of both, where a place
/// of its own for each pair would fill the depot with one node per
/// combination of places. Reads that do not fit (other places or bytes,
/// more threads, later clocks) take a CellSet as before.
class ReadPair {
public:
  static constexpr unsigned MaskShift = 2, AtomicShift = 10, TidShift = 11,
                            TidBits = 6, ClockShift = 23, ClockBits = 20;
  static constexpr uint64_t Tags = AccessWord::CellSetTag | 2;

  explicit ReadPair(uint64_t Bits) : Bits(Bits) {}

  static bool is(uint64_t Bits) {
    return (Bits & (AccessWord::CellSetTag | 3)) == Tags;
  }
  /// Whether \p First and \p Second, which must both be remembered, fit.
  static bool fits(AccessWord First, AccessWord Second) {
    return !First.isWrite() && !Second.isWrite() && !First.empty() &&
           First.mask() == Second.mask() &&
           First.isAtomic() == Second.isAtomic() &&
           First.tid() != Second.tid() && First.tid() < (1u << TidBits) &&
           Second.tid() < (1u << TidBits) &&
           First.clock() < (Clock(1) << ClockBits) &&
           Second.clock() < (Clock(1) << ClockBits);
  }
  static ReadPair make(AccessWord First, AccessWord Second) {
    return ReadPair(Tags | uint64_t(First.mask()) << MaskShift |
                    uint64_t(First.isAtomic()) << AtomicShift |
                    uint64_t(First.tid()) << TidShift |
                    uint64_t(Second.tid()) << (TidShift + TidBits) |
                    uint64_t(First.clock()) << ClockShift |
                    uint64_t(Second.clock()) << (ClockShift + ClockBits));
  }

  /// The first read (\p Index 0) or the second.
  AccessWord read(unsigned Index) const {
    Tid T = Tid((Bits >> (TidShift + Index * TidBits)) &
                ((1u << TidBits) - 1));
    Clock C = (Bits >> (ClockShift + Index * ClockBits)) &
              ((Clock(1) << ClockBits) - 1);
    return AccessWord::make(AccessWord::epochBits(T, C),
                            uint8_t(Bits >> MaskShift), false,
                            (Bits >> AtomicShift) & 1);
  }
  /// Whether one of the two is \p Now's thread's read in \p Now's epoch
  /// that covers it (see AccessWord::coveredBy).
  static bool covers(uint64_t Bits, uint64_t Now) {
    ReadPair Pair(Bits);
    return AccessWord::coveredBy(Now, Pair.read(0).bits()) ||
           AccessWord::coveredBy(Now, Pair.read(1).bits());
  }
  uint64_t bits() const { return Bits; }

private:
  uint64_t Bits;
};

/// A whole-granule write by one thread and a later read by another that is
/// ordered after it: data handed from a producer to a consumer (a buffer
/// filled, queued and read by the next stage). The read does not stand for
/// the write, since a third thread's read must still be checked against the
/// write, but both fit one tagged word where they would otherwise take a
/// CellSet, given back when the consumer writes or frees the data.
///   bits 0-2   100 (an AccessPair has bit 0 set, a ReadPair bit 1; a CellSet
///              pointer is 8-byte aligned: its bits 0-2 are clear)
///   bits 3-4   the halves of the granule the read touched (low, high)
///   bits 5-10  the writer's thread, bits 11-16 the reader's
///   bits 17-39 the writer's clock, bits 40-62 the reader's
///   bit  63    set, as for a CellSet
/// Neither is atomic. The granule's place is a pair place (see
/// Detector::pairPlace): the write's, then the read's.
class HandoffPair {
public:
  static constexpr unsigned HalvesShift = 3, TidShift = 5, TidBits = 6,
                            ClockShift = 17, ClockBits = 23;
  static constexpr uint64_t Tags = AccessWord::CellSetTag | 4;

  explicit HandoffPair(uint64_t Bits) : Bits(Bits) {}

  static bool is(uint64_t Bits) {
    return (Bits & (AccessWord::CellSetTag | 7)) == Tags;
  }
  /// The halves bits for \p Mask, or 0 if it is not made of whole halves.
  static unsigned halvesOf(uint8_t Mask) {
    switch (Mask) {
    case 0x0f:
      return 1;
    case 0xf0:
      return 2;
    case 0xff:
      return 3;
    default:
      return 0;
    }
  }
  /// Whether the write \p Write and the read \p Read of another thread,
  /// which the caller knows is ordered after it, fit. An allocation's
  /// write (AccessWord::isFresh) stays a word of its own.
  static bool fits(AccessWord Write, AccessWord Read) {
    return Write.isWrite() && !Write.isAtomic() && !Write.isFresh() &&
           Write.mask() == 0xff && !Read.isWrite() && !Read.isAtomic() &&
           halvesOf(Read.mask()) &&
           Write.tid() != Read.tid() && Write.tid() < (1u << TidBits) &&
           Read.tid() < (1u << TidBits) &&
           Write.clock() < (Clock(1) << ClockBits) &&
           Read.clock() < (Clock(1) << ClockBits);
  }
  static HandoffPair make(AccessWord Write, AccessWord Read) {
    return HandoffPair(Tags | uint64_t(halvesOf(Read.mask())) << HalvesShift |
                       uint64_t(Write.tid()) << TidShift |
                       uint64_t(Read.tid()) << (TidShift + TidBits) |
                       uint64_t(Write.clock()) << ClockShift |
                       uint64_t(Read.clock()) << (ClockShift + ClockBits));
  }

  AccessWord write() const { return entry(0, 0xff, true); }
  AccessWord read() const {
    unsigned Halves = (Bits >> HalvesShift) & 3;
    return entry(1, uint8_t((Halves & 1 ? 0x0f : 0) | (Halves & 2 ? 0xf0 : 0)),
                 false);
  }
  uint64_t bits() const { return Bits; }

private:
  AccessWord entry(unsigned Index, uint8_t Mask, bool Write) const {
    Tid T = Tid((Bits >> (TidShift + Index * TidBits)) &
                ((1u << TidBits) - 1));
    Clock C = (Bits >> (ClockShift + Index * ClockBits)) &
              ((Clock(1) << ClockBits) - 1);
    return AccessWord::make(AccessWord::epochBits(T, C), Mask, Write, false);
  }
  uint64_t Bits;
};

/// Whether a shadow word points to a CellSet (and is not a packed pair).
inline bool pointsToCellSet(uint64_t Bits) {
  return (Bits & AccessWord::CellSetTag) && !(Bits & 7);
}

/// Where an access happened, as the shadow keeps it beside the access: its
/// site. The stack and held locks of the access are in its thread's
/// AccessHistory, found again by the thread and epoch in the access word.
/// A word that holds two accesses (a packed pair) keeps both sites in one
/// StackDepot node, tagged with PairPlaceTag (see Detector::pairPlace).
using PlaceId = uint32_t;
constexpr PlaceId PairPlaceTag = PlaceId(1) << 31;

/// The accesses of a granule that needs more than one, with their places.
/// Guarded by its own lock; owned by the granule whose shadow word points
/// to it (Granule), which a thread re-checks after locking, since a record
/// may be given back and reused for another granule meanwhile. Records are
/// never unmapped, so a stale pointer always points to some record.
struct CellSet {
  std::atomic<uintptr_t> Granule;
  std::atomic<uint8_t> Locked;
  uint8_t Log2Capacity;
  /// Changes whenever a locked update ends or the record is given back or
  /// taken, so that a thread that refreshed its own access without the lock
  /// can tell whether anything moved under it.
  std::atomic<uint16_t> Version;
  /// Written under the lock; read without it only to look for a covering
  /// access of the reader's own, which nobody else removes.
  uint32_t Count;

  unsigned capacity() const { return 1u << Log2Capacity; }
  std::atomic<uint64_t> *words() {
    return reinterpret_cast<std::atomic<uint64_t> *>(this + 1);
  }
  PlaceId *places() {
    return reinterpret_cast<PlaceId *>(words() + capacity());
  }
  /// Bytes of a record with room for 2^Log2Capacity accesses.
  static constexpr size_t bytes(unsigned Log2Capacity) {
    return sizeof(CellSet) + (size_t(1) << Log2Capacity) *
                                 (sizeof(uint64_t) + sizeof(PlaceId));
  }

  /// Locks with the stamp of the current process generation: a record
  /// left locked by a thread that did not survive a fork carries an older
  /// stamp, and counts as free in the child.
  void lock(uint8_t Generation) {
    for (unsigned Spins = 0;; ++Spins) {
      uint8_t Seen = Locked.load(std::memory_order_relaxed);
      if ((Seen == 0 || Seen != Generation) &&
          Locked.compare_exchange_weak(Seen, Generation,
                                       std::memory_order_acquire))
        return;
      lockBackoff(Spins);
    }
  }
  void unlock() {
    Version.store(uint16_t(Version.load(std::memory_order_relaxed) + 1),
                  std::memory_order_release);
    Locked.store(0, std::memory_order_release);
  }
};
static_assert(sizeof(CellSet) == 16);

constexpr unsigned GranuleBytes = 8;

} // namespace racegate

#endif

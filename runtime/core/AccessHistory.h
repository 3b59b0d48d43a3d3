//===- AccessHistory.h - a thread's recent calls, returns and accesses ----===//
//
// Remembering where an access happened must cost almost nothing, because
// most remembered accesses are never reported. Interning a call stack for
// each one touches a shared table scattered over memory; appending to the
// thread's own history is a store into a buffer written in order. The
// shadow keeps only the access site beside each access (with its thread and
// epoch, already in the shadow word); a report replays the history of the
// earlier access's thread to find the stack and held locks it had then.
//
// The history is a ring of parts. Each part begins with a snapshot (the
// interned stack, its depth, the lockset and epoch then), so a part can be
// replayed on its own, and a serial that the writer clears while it reuses
// the part, so a reader on another thread can tell a part it copied intact
// from one overwritten meanwhile. An access older than the ring is reported
// with its own frame only.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_ACCESSHISTORY_H
#define RACEGATE_CORE_ACCESSHISTORY_H

#include "StackDepot.h"
#include "Types.h"

#include <atomic>
#include <cstddef>

namespace racegate {

class AccessHistory {
public:
  /// A part holds 2^10 events; the ring holds a power of two of them, at
  /// least two parts (reserve()). With the default of 256 KiB a report
  /// finds the stack of an access as long as its thread made fewer than
  /// about 32K calls, returns and remembered accesses since.
  static constexpr unsigned PartBits = 10;
  static constexpr uint64_t PartEvents = uint64_t(1) << PartBits;
  static constexpr uint64_t DefaultEvents = uint64_t(1) << 15;
  static constexpr uint64_t MaxEvents = uint64_t(1) << 24;
  /// Frames deeper than this are counted, not stored (ShadowStack::Capacity).
  static constexpr unsigned MaxFrames = 1u << 16;

  /// What a part starts from: the thread's stack (its stored frames
  /// interned) and depth before the part's first event.
  struct Snapshot {
    StackId Stack = 0;
    unsigned Depth = 0;
  };

  AccessHistory() = default;
  ~AccessHistory();
  /// Maps room for about \p Events events (rounded down to a power of two
  /// within the limits); until then nothing is recorded. Once only.
  void reserve(uint64_t Events);
  /// How many events the ring holds.
  uint64_t events() const { return RingMask + 1; }
  AccessHistory(const AccessHistory &) = delete;
  AccessHistory &operator=(const AccessHistory &) = delete;

  // Events are 64-bit words: the low two bits say which kind.
  enum Kind : uint64_t { Control = 0, Entry = 1, Exit = 2, Access = 3 };
  enum ControlKind : uint64_t {
    EpochChange = 1, // payload: the thread's clock from here on
    LocksetChange,   // payload: the LocksetRegistry id held from here on
    DropTo,          // payload: the depth the stack was cut back to
    Restart,         // a new thread took the slot: empty stack, no locks
    Length,          // payload: granules of the access just before
    Padding,         // nothing (keeps an access and its length together)
  };
  static constexpr unsigned SiteBits = 26, GranuleBits = 64 - 2 - SiteBits;

  /// Appends \p Event; \p Snap gives the snapshot when a part begins.
  template <typename SnapshotFn>
  __attribute__((always_inline)) void append(uint64_t Event,
                                             SnapshotFn &&Snap) {
    if (!Ring)
      return;
    uint64_t P = Pos.load(std::memory_order_relaxed);
    if (__builtin_expect(!(P & (PartEvents - 1)), 0))
      beginPart(P, Snap());
    Ring[P & RingMask] = Event;
    Pos.store(P + 1, std::memory_order_release);
  }

  static uint64_t entry(SiteId CallSite) {
    return Entry | uint64_t(CallSite) << 2;
  }
  static uint64_t exit() { return Exit; }
  static uint64_t control(ControlKind K, uint64_t Payload) {
    return Control | K << 2 | Payload << 8;
  }
  static uint64_t access(SiteId Site, uintptr_t Addr) {
    uint64_t Granule = (Addr >> 3) & ((uint64_t(1) << GranuleBits) - 1);
    return Access | uint64_t(Site & ((1u << SiteBits) - 1)) << 2 |
           Granule << (2 + SiteBits);
  }

  /// Records that the thread, at the moment of its next event, is in
  /// epoch \p Epoch holding the lockset \p Lockset.
  template <typename SnapshotFn>
  void noteContext(Clock Epoch, uint32_t Lockset, SnapshotFn &&Snap) {
    if (Epoch != LastEpoch) {
      append(control(EpochChange, Epoch), Snap);
      LastEpoch = Epoch;
    }
    if (Lockset != LastLockset) {
      append(control(LocksetChange, Lockset), Snap);
      LastLockset = Lockset;
    }
  }
  /// Records an access at \p Site to \p Granules granules from \p Addr.
  template <typename SnapshotFn>
  void noteAccess(SiteId Site, uintptr_t Addr, uint64_t Granules,
                  SnapshotFn &&Snap) {
    // An access and its length stay in one part.
    if (Granules > 1 && (Pos.load(std::memory_order_relaxed) &
                         (PartEvents - 1)) == PartEvents - 1)
      append(control(Padding, 0), Snap);
    append(access(Site, Addr), Snap);
    if (Granules > 1)
      append(control(Length, Granules), Snap);
  }
  /// The slot passes to a new thread.
  template <typename SnapshotFn> void restart(SnapshotFn &&Snap) {
    append(control(Restart, 0), Snap);
    LastLockset = 0;
  }

  /// Where the access at \p Site to the granule of \p Addr, made in epoch
  /// \p Epoch, happened: its stack, interned in \p Depot, and the set of
  /// locks held (a LocksetRegistry id). False when the history no longer
  /// reaches back to it. May run on any thread while the owner appends.
  bool find(Clock Epoch, SiteId Site, uintptr_t Addr, StackDepot &Depot,
            StackId &Stack, uint32_t &Lockset) const;

private:
  struct PartHeader {
    /// The part's number plus one, or 0 while it is being rewritten.
    std::atomic<uint64_t> Serial{0};
    StackId Stack = 0;
    uint32_t Depth = 0;
    uint32_t Lockset = 0;
    Clock Epoch = 0;
  };
  void beginPart(uint64_t P, Snapshot S);
  /// Replays part \p Number from its snapshot; whether the access was in
  /// it (a part overwritten meanwhile holds nothing).
  bool replayPart(uint64_t Number, uint64_t End, Clock Epoch, SiteId Site,
                  uintptr_t Addr, StackDepot &Depot, StackId &Stack,
                  uint32_t &Lockset) const;

  uint64_t *Ring = nullptr;
  uint64_t RingMask = 0;
  unsigned PartCount = 0;
  PartHeader *Headers = nullptr;
  std::atomic<uint64_t> Pos{0};
  Clock LastEpoch = 0;
  uint32_t LastLockset = 0;
};

} // namespace racegate

#endif

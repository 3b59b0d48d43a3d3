//===- ShadowStack.h - a thread's instrumented call stack -----------------===//
//
// Function entry and exit push and pop a call site; nothing is unwound or
// symbolized on the hot path. Both are also appended to the thread's
// AccessHistory, from which a report recovers the stack of an earlier
// access. The interned StackId of a frame is computed only when a stack has
// to be named now (a lock taken, a part of the history begun), and cached.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_SHADOWSTACK_H
#define RACEGATE_CORE_SHADOWSTACK_H

#include "AccessHistory.h"
#include "StackDepot.h"
#include "Types.h"

namespace racegate {

class ShadowStack {
public:
  static constexpr unsigned Capacity = 1u << 16;
  static constexpr StackId Unknown = ~StackId(0);
  static_assert(Capacity == AccessHistory::MaxFrames,
                "a replayed history stores the frames the stack stores");

  ShadowStack();
  ~ShadowStack();
  /// Gives the memory back when the thread has ended; the stack is empty
  /// from then on.
  void release();
  /// Empties the stack for a new thread, mapping its memory again if it was
  /// given back. The cache of interned stacks stays: its ids are global.
  void restart();
  bool holdsMemory() const { return Frames != nullptr; }
  /// The depot that snapshots of the history are interned in, and the
  /// room the history gets: it records from here on.
  void startHistory(StackDepot &D,
                    uint64_t Events = AccessHistory::DefaultEvents) {
    Depot = &D;
    History.reserve(Events);
    History.restart([] { return AccessHistory::Snapshot{}; });
  }
  AccessHistory &history() { return History; }
  const AccessHistory &history() const { return History; }
  /// The stack a part of the history starts from.
  __attribute__((noinline)) AccessHistory::Snapshot snapshot() {
    return {Depot ? current(*Depot) : 0, Depth};
  }
  ShadowStack(const ShadowStack &) = delete;
  ShadowStack &operator=(const ShadowStack &) = delete;

  /// Enters \p Function, called from \p CallSite, whose frame lies below
  /// the stack pointer \p CallerSp.
  __attribute__((always_inline)) void push(SiteId CallSite, SiteId Function = 0,
                                           uintptr_t CallerSp = 0) {
    History.append(AccessHistory::entry(CallSite),
                   [this] { return snapshot(); });
    // Frames deeper than the capacity are counted, not stored: their
    // accesses are attributed to the deepest stored frame.
    if (Depth < Capacity && Frames)
      Frames[Depth] = {CallSite, Unknown, Function, CallerSp};
    ++Depth;
  }
  __attribute__((always_inline)) void pop() {
    if (Depth == 0)
      return;
    History.append(AccessHistory::exit(), [this] { return snapshot(); });
    --Depth;
  }
  unsigned depth() const { return Depth; }

  /// Drops the frames that longjmp() or an exception left behind: a frame
  /// whose stack pointer lies below \p Sp (or at it, when \p Inclusive) is
  /// no longer live once code runs with stack pointer \p Sp. Only frames on
  /// the stack [\p Low, \p High) are compared, so that a signal handler on
  /// an alternate stack or a coroutine's own stack drops nothing.
  __attribute__((always_inline)) void
  dropFramesBelow(uintptr_t Sp, bool Inclusive, uintptr_t Low, uintptr_t High) {
    if (Sp < Low || Sp >= High || !Frames)
      return;
    unsigned Before = Depth;
    while (Depth > 0 && Depth <= Capacity) {
      uintptr_t Top = Frames[Depth - 1].CallerSp;
      if (Top < Low || Top >= High || Top > Sp || (Top == Sp && !Inclusive))
        break;
      --Depth;
    }
    if (__builtin_expect(Depth != Before, 0))
      noteDropped();
  }

  /// The interned id of the current call stack.
  StackId current(StackDepot &Depot) {
    unsigned Stored = Depth < Capacity ? Depth : Capacity;
    if (Stored == 0 || !Frames)
      return 0;
    StackId Top = Frames[Stored - 1].Stack;
    return Top != Unknown ? Top : materialize(Depot, Stored);
  }

  struct FrameInfo {
    SiteId CallSite;
    SiteId Function;
    uintptr_t CallerSp;
  };
  /// The frames of the current stack, innermost first, without interning.
  /// Another thread may read them while this one runs: a report then shows
  /// the stack as of some recent moment.
  template <typename Fn> void forEachFrame(Fn &&Visit) const {
    unsigned Stored = !Frames ? 0 : Depth < Capacity ? Depth : Capacity;
    for (unsigned I = Stored; I-- > 0;)
      Visit(FrameInfo{Frames[I].CallSite, Frames[I].Function,
                      Frames[I].CallerSp});
  }

private:
  struct Entry {
    SiteId CallSite;
    StackId Stack;
    SiteId Function;
    uintptr_t CallerSp;
  };
  StackId materialize(StackDepot &Depot, unsigned Stored);
  __attribute__((noinline)) void noteDropped() {
    History.append(AccessHistory::control(AccessHistory::DropTo, Depth),
                   [this] { return snapshot(); });
  }
  StackId intern(StackDepot &Depot, StackId Parent, SiteId CallSite);

  Entry *Frames = nullptr;
  unsigned Depth = 0;
  StackDepot *Depot = nullptr;
  // Kept when the frames are given back: reports on the accesses of a
  // thread that ended need it most.
  AccessHistory History;

  // A thread calls the same functions from the same places over and over:
  // remembering its recent (parent, call site) -> stack answers keeps most
  // interning away from the shared depot.
  // It shares the frames' mapping, whose pages cost nothing until touched.
  struct CacheEntry {
    uint64_t Key;
    StackId Stack;
  };
  static constexpr unsigned CacheBits = 12, CacheSize = 1u << CacheBits;
  static constexpr size_t MappedBytes =
      Capacity * sizeof(Entry) + CacheSize * sizeof(CacheEntry);
  CacheEntry *Cache = nullptr;
};

} // namespace racegate

#endif

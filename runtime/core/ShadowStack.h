//===- ShadowStack.h - a thread's instrumented call stack -----------------===//
//
// Function entry and exit push and pop a call site; nothing is unwound or
// symbolized on the hot path. The interned StackId of a frame is computed
// only when an access in it has to be remembered, and then cached.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_SHADOWSTACK_H
#define RACEGATE_CORE_SHADOWSTACK_H

#include "StackDepot.h"
#include "Types.h"

namespace racegate {

class ShadowStack {
public:
  static constexpr unsigned Capacity = 1u << 16;
  static constexpr StackId Unknown = ~StackId(0);

  ShadowStack();
  ~ShadowStack();
  /// Gives the memory back when the thread has ended; the stack is empty
  /// from then on.
  void release();
  /// Empties the stack for a new thread, mapping its memory again if it was
  /// given back. The cache of interned stacks stays: its ids are global.
  void restart();
  bool holdsMemory() const { return Frames != nullptr; }
  ShadowStack(const ShadowStack &) = delete;
  ShadowStack &operator=(const ShadowStack &) = delete;

  /// Enters \p Function, called from \p CallSite, whose frame lies below
  /// the stack pointer \p CallerSp.
  void push(SiteId CallSite, SiteId Function = 0, uintptr_t CallerSp = 0) {
    // Frames deeper than the capacity are counted, not stored: their
    // accesses are attributed to the deepest stored frame.
    if (Depth < Capacity && Frames)
      Frames[Depth] = {CallSite, Unknown, Function, CallerSp};
    ++Depth;
  }
  void pop() {
    if (Depth > 0)
      --Depth;
  }
  unsigned depth() const { return Depth; }

  /// Drops the frames that longjmp() or an exception left behind: a frame
  /// whose stack pointer lies below \p Sp (or at it, when \p Inclusive) is
  /// no longer live once code runs with stack pointer \p Sp. Only frames on
  /// the stack [\p Low, \p High) are compared, so that a signal handler on
  /// an alternate stack or a coroutine's own stack drops nothing.
  void dropFramesBelow(uintptr_t Sp, bool Inclusive, uintptr_t Low,
                       uintptr_t High) {
    if (Sp < Low || Sp >= High || !Frames)
      return;
    while (Depth > 0 && Depth <= Capacity) {
      uintptr_t Top = Frames[Depth - 1].CallerSp;
      if (Top < Low || Top >= High || Top > Sp || (Top == Sp && !Inclusive))
        return;
      --Depth;
    }
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
  StackId intern(StackDepot &Depot, StackId Parent, SiteId CallSite);

  Entry *Frames = nullptr;
  unsigned Depth = 0;

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

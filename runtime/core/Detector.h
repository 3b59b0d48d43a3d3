//===- Detector.h - the happens-before detection engine -------------------===//
//
// Everything the runtime observes arrives here as an event: thread lifecycle,
// memory accesses, lock and atomic operations. The detector keeps vector
// clocks per thread and per synchronization object, FastTrack-style epochs per
// byte of memory, and reports what it finds to a FindingSink. It has no
// global state and intercepts nothing, so tests drive it directly.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_DETECTOR_H
#define RACEGATE_CORE_DETECTOR_H

#include "AddressFilter.h"
#include "FindingSink.h"
#include "HeapRegistry.h"
#include "LockOrderGraph.h"
#include "LocksetRegistry.h"
#include "RaceDeduplicator.h"
#include "ShadowMemory.h"
#include "SiteRegistry.h"
#include "StackDepot.h"
#include "SyncTable.h"
#include "ThreadState.h"

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace racegate {

class Detector {
public:
  explicit Detector(FindingSink &Sink);
  ~Detector();
  Detector(const Detector &) = delete;
  Detector &operator=(const Detector &) = delete;

  SiteRegistry &sites() { return Sites; }
  StackDepot &stacks() { return Stacks; }
  ShadowMemory &shadow() { return Shadow; }
  /// Synchronization objects tracked now (for tests of memory bounds).
  size_t syncObjectCount() { return Syncs.size(); }

  // --- Threads -----------------------------------------------------------
  ThreadState *createMainThread();
  /// Called in the parent before the new thread runs: everything the parent
  /// did so far happens before everything the child will do. Returns null
  /// when no more threads can be tracked.
  ThreadState *createThread(ThreadState &Parent, SiteId CreateSite);
  /// The new thread's stack (and the TLS beside it) may have belonged to a
  /// thread that ended: its history is forgotten.
  void threadStarted(ThreadState &T, uintptr_t StackLow, uintptr_t StackHigh);
  void threadFinished(ThreadState &T);
  /// \p Joiner waited for \p Child to end: the child's whole life happens
  /// before the joiner's next step.
  void threadJoined(ThreadState &Joiner, Tid Child);
  ThreadState *thread(Tid Id);
  /// In the child of fork(): only \p Survivor goes on living.
  void forkedChild(ThreadState *Survivor);

  // --- Memory ------------------------------------------------------------
  __attribute__((always_inline)) void access(ThreadState &T, uintptr_t Addr,
                                             size_t Size, bool Write,
                                             bool Atomic, SiteId Site) {
    while (Size > 0) {
      unsigned Offset = Addr & (GranuleBytes - 1);
      size_t Bytes = GranuleBytes - Offset < Size ? GranuleBytes - Offset : Size;
      uint8_t Mask = uint8_t(((1u << Bytes) - 1) << Offset);
      accessGranule(T, Addr, Mask, Write, Atomic, Site);
      Addr += Bytes;
      Size -= Bytes;
    }
  }
  void allocated(ThreadState &T, uintptr_t Addr, size_t Size, SiteId Site);
  void freed(uintptr_t Addr, size_t Size);

  // --- Synchronization ---------------------------------------------------
  /// Acquire: whatever was released into the object happens before now.
  void acquire(ThreadState &T, uintptr_t Sync);
  /// Release: what the thread did so far is published through the object.
  void release(ThreadState &T, uintptr_t Sync);
  void mutexLocked(ThreadState &T, uintptr_t Mutex, SiteId Site,
                   bool Exclusive = true);
  /// \p OwnerOnly: the lock refuses to be unlocked by another thread
  /// (error-checking and recursive mutexes), so such an unlock changes
  /// nothing but is still reported.
  void mutexUnlocked(ThreadState &T, uintptr_t Mutex, SiteId Site = 0,
                     bool OwnerOnly = false);
  void mutexDestroyed(uintptr_t Mutex);

  // --- Locks, for deadlocks and misuse (see LockEvents.cpp) ---------------
  /// How a lock behaves when its owner asks for it again.
  enum class Relock { Hangs, Recursive, Fails };
  enum class LockRequest { Proceed, SelfDeadlock };
  /// Before an acquisition that may block: records lock-order edges (not for
  /// try-locks, which cannot block) and spots a thread about to wait for
  /// itself, which it reports.
  LockRequest lockRequested(ThreadState &T, uintptr_t Lock, SiteId Site,
                            bool Exclusive, Relock Kind, bool IsTry);
  /// The acquisition is about to block: the watchdog may look at it now.
  void lockBlocked(ThreadState &T, uintptr_t Lock, SiteId Site,
                   bool Exclusive, bool Timed);
  /// A try-lock succeeded: the thread is making progress.
  void tryLockSucceeded(ThreadState &T);
  /// A try-lock or timed lock gave up.
  void lockFailed(ThreadState &T, bool WasTry);
  bool holdsLock(const ThreadState &T, uintptr_t Lock) const {
    for (const HeldLock &H : T.Held)
      if (H.Address == Lock)
        return true;
    return false;
  }
  /// Destroying a lock: it must not be held.
  void lockDestroyed(ThreadState &T, uintptr_t Lock, SiteId Site);

  // --- Waits other than locks ---------------------------------------------
  void waitBegins(ThreadState &T, WaitKind Kind, uintptr_t Object,
                  SiteId Site, bool Timed, uintptr_t Mutex = 0,
                  Tid JoinTarget = 0);
  void waitEnds(ThreadState &T);
  /// pthread_cond_wait and its timed forms, before they give up \p Mutex.
  void condWaitBegins(ThreadState &T, uintptr_t Cond, uintptr_t Mutex,
                      SiteId Site, bool Timed);
  void condWaitEnds(ThreadState &T, uintptr_t Cond);
  void condNotified(ThreadState &T, uintptr_t Cond, SiteId Site);
  void barrierInitialized(uintptr_t Barrier, unsigned Parties);
  /// A counting semaphore with maximum \p Max and value \p Value before a
  /// release of \p Update.
  void semaphoreReleased(ThreadState &T, uintptr_t Semaphore, int64_t Value,
                         int64_t Update, int64_t Max, SiteId Site);

  // --- The watchdog (see Liveness.cpp) ------------------------------------
  struct LivenessOptions {
    uint64_t StarvationNs = 1000000000;
    uint64_t DeadlockSettleNs = 200000000;
    uint64_t StallSettleNs = 500000000;
  };
  enum class Verdict { Continue, Terminate };
  /// Looks at every thread's wait: reports deadlocks and stalls (after
  /// which the program must end), starvation and livelock.
  Verdict scanLiveness(const LivenessOptions &Options);
  /// A timer signal may arrive until \p UntilNs (UINT64_MAX: periodic or
  /// unknown), and its handler may wake a waiting thread: no stall before.
  void timerArmed(uint64_t UntilNs) {
    uint64_t Old = TimerArmedUntil.load(std::memory_order_relaxed);
    while (UntilNs > Old &&
           !TimerArmedUntil.compare_exchange_weak(Old, UntilNs))
      ;
  }
  /// Reports that the program outran its time, with every thread's state.
  void reportTimeout(uint64_t Seconds);

  /// Monotonic nanoseconds; tests substitute their own clock.
  uint64_t (*Now)() = monotonicNow;
  static uint64_t monotonicNow();

  /// An atomic operation is bracketed by begin and end around the real
  /// instruction, so its effect on clocks is atomic with the operation.
  void atomicBegin(ThreadState &T, uintptr_t Addr, uint32_t Flags);
  void atomicEnd(ThreadState &T, uintptr_t Addr, size_t Size, uint32_t Flags,
                 SiteId Site);
  void fence(ThreadState &T, uint32_t Flags);

  /// Frames of the stack \p Stack below the access site \p Site.
  std::vector<Frame> frames(SiteId Site, StackId Stack) const;

private:
  __attribute__((always_inline)) void
  accessGranule(ThreadState &T, uintptr_t Addr, uint8_t Mask, bool Write,
                bool Atomic, SiteId Site) {
    ShadowCell *Cells = Shadow.granule(Addr);
    AccessWord Now = AccessWord::make(T.EpochBits, Mask, Write, Atomic);
    // Other threads update the same cells without a lock. Two first
    // accesses filling the same empty cell at once would lose one of them,
    // so filling an empty cell is a compare-exchange that rescans when it
    // loses. (Replacing a subsumed cell or evicting one loses nothing new.)
    for (unsigned Attempt = 0;; ++Attempt) {
      int Replace = -1, Empty = -1;
      for (unsigned I = 0; I < CellsPerGranule; ++I) {
        AccessWord Old(Cells[I].load(std::memory_order_relaxed));
        if (Old.empty()) {
          if (Empty < 0)
            Empty = int(I);
          continue;
        }
        if (!(Old.mask() & Mask))
          continue;
        // The same thread in the same epoch already made an access at least
        // as strong on these bytes: whatever races with this one raced with
        // that one, and was checked then.
        if (Old.sameEpoch(Now) && !(Mask & ~Old.mask()) &&
            (Old.isWrite() || !Write) && Old.isAtomic() == Atomic)
          return;
        bool Ordered =
            Old.tid() == T.Id || T.Clock_.get(Old.tid()) >= Old.clock();
        if (Ordered) {
          // An earlier access that happens before this one, on bytes this
          // one covers, is subsumed: any later access racing with it races
          // with this one too.
          if (Replace < 0 && (Write || !Old.isWrite()) &&
              !(Old.mask() & ~Mask))
            Replace = int(I);
          continue;
        }
        if (!Write && !Old.isWrite())
          continue;
        if (Atomic && Old.isAtomic())
          continue;
        if (Attempt == 0)
          reportRace(T, Addr, Mask, Write, Atomic, Site, Old,
                     AccessPlace::unpack(ShadowMemory::placeOf(Cells[I]).load(
                         std::memory_order_relaxed)));
      }
      int Slot = Replace >= 0 ? Replace
                 : Empty >= 0 ? Empty
                              : int(T.EvictionCounter++ % CellsPerGranule);
      // Interning takes the depot's lock: a signal handler that lands in the
      // middle of it must not try again, so it records no stack.
      AccessPlace Place{0, Site};
      if (!T.InRuntime) {
        RuntimeScope Busy(T);
        Place.Stack = placeStack(T);
      }
      ShadowMemory::placeOf(Cells[Slot])
          .store(Place.pack(), std::memory_order_relaxed);
      if (Slot != Empty || Replace >= 0) {
        Cells[Slot].store(Now.bits(), std::memory_order_relaxed);
        return;
      }
      uint64_t Expected = 0;
      if (Cells[Slot].compare_exchange_strong(Expected, Now.bits(),
                                              std::memory_order_relaxed) ||
          Attempt == 2)
        return;
    }
  }

  /// The stack to remember with an access: the call stack, extended by the
  /// set of locks held when there are any.
  StackId placeStack(ThreadState &T) {
    StackId Base = T.Stack.current(Stacks);
    if (!T.LocksetId)
      return Base;
    if (Base != T.LocksetBase || T.LocksetId != T.LocksetOfStack) {
      T.LocksetBase = Base;
      T.LocksetOfStack = T.LocksetId;
      T.LocksetStack = Stacks.intern(Base, LocksetMarker | T.LocksetId);
    }
    return T.LocksetStack;
  }
  void updateLockset(ThreadState &T);
  /// Publishes \p W, stamped with the stack and the time, as T's wait.
  void startWait(ThreadState &T, WaitState W);
  void writeLocks(class JsonWriter &J, const std::vector<LockRecord> &Locks);

  void reportRace(ThreadState &T, uintptr_t Addr, uint8_t Mask, bool Write,
                  bool Atomic, SiteId Site, AccessWord Old, AccessPlace Where);
  void writeVariable(class JsonWriter &J, uintptr_t Addr);
  void writeStack(class JsonWriter &J, const std::vector<Frame> &Frames);
  void writeThreads(class JsonWriter &J, const std::vector<Tid> &Ids);
  /// Whether a finding of \p Kind at these sites is new (one per site).
  bool firstReport(std::string_view Kind, SiteId A, SiteId B = 0);
  bool stillOwned(const ThreadState &T, const HeldLock &H);
  void forgetHeld(ThreadState &T, uintptr_t Lock);

  // Reports of LivenessReport.cpp.
  void reportMisuse(ThreadState &T, std::string_view Kind, uintptr_t Lock,
                    SiteId Site, std::string_view What, Tid Other,
                    const HeldLock *OtherHeld);
  void reportSelfDeadlock(ThreadState &T, uintptr_t Lock, SiteId Site,
                          bool Exclusive);
  void reportInversion(const std::vector<LockEdge> &Cycle);
  void reportLockLeak(ThreadState &T, const HeldLock &L);
  struct WaitSnapshot {
    ThreadState *Thread;
    WaitState Wait;
    std::vector<HeldLock> Held;
  };
  void reportDeadlock(const std::vector<WaitSnapshot> &Cycle);
  void reportStall(const std::vector<WaitSnapshot> &Threads);
  void reportStarvation(const WaitSnapshot &Waiter, uint64_t Acquisitions,
                        const std::vector<std::pair<Tid, uint64_t>> &By);
  void reportLivelock(const std::vector<WaitSnapshot> &Threads);
  void writeWait(class JsonWriter &J, const WaitSnapshot &W);
  std::vector<WaitSnapshot> snapshotThreads();
  SpinLock &stripeFor(uintptr_t Addr) {
    return AtomicStripes[(Addr >> 3) % StripeCount];
  }

  FindingSink &Sink;
  ShadowMemory Shadow;
  StackDepot Stacks;
  SiteRegistry Sites;
  SyncTable Syncs;
  HeapRegistry Heap;
  RaceDeduplicator Races;

  static constexpr unsigned StripeCount = 1024;
  SpinLock AtomicStripes[StripeCount];

  /// The addresses some atomic operation released into: only they have a
  /// clock that relaxed operations must look at.
  AddressFilter Released;


  SpinLock ThreadsLock;
  std::vector<std::unique_ptr<ThreadState>> Threads;

  std::atomic<uint64_t> TimerArmedUntil{0};
  LockOrderGraph LockOrder;
  LocksetRegistry Locksets;
  SpinLock ReportedLock;
  std::set<std::string> Reported; // kind + sites of one-per-site findings
  bool LivelockReported = false;
};

} // namespace racegate

#endif

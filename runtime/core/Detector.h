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
#include "HappensBeforeFrontier.h"
#include "LocksetRegistry.h"
#include "RaceDeduplicator.h"
#include "ShadowMemory.h"
#include "SiteRegistry.h"
#include "StackDepot.h"
#include "SyncTable.h"
#include "ThreadState.h"

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace racegate {

class Detector {
public:
  explicit Detector(FindingSink &Sink);
  ~Detector();
  /// How many events each thread's AccessHistory keeps (a power of two is
  /// taken below it); for threads created from here on.
  void setHistoryEvents(uint64_t Events) { HistoryEvents = Events; }
  Detector(const Detector &) = delete;
  Detector &operator=(const Detector &) = delete;

  SiteRegistry &sites() { return Sites; }
  StackDepot &stacks() { return Stacks; }
  ShadowMemory &shadow() { return Shadow; }
  /// Shadow records holding some granule's history now (for tests of
  /// memory bounds); threads' free ones are not counted.
  size_t cellSetsInUse();
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
  /// Nobody will join \p Child: its slot may be taken over once it ends,
  /// by a thread whose creator's clock covers all it did.
  void threadDetached(Tid Child);
  /// Creating the thread failed after createThread: its slot is given back.
  void threadNeverStarted(ThreadState &Parent, ThreadState &Child);
  /// Threads that could not be given a slot, so are not checked.
  uint64_t uncheckedThreads() {
    SpinGuard Guard(ThreadsLock);
    return UncheckedThreads;
  }
  /// How many slots there are: what a shadow access word can name; tests
  /// lower it.
  Tid SlotLimit = MaxThreads;
  /// Slots threads ever took (the size of a full vector clock).
  size_t threadSlots() {
    SpinGuard Guard(ThreadsLock);
    return Threads.size();
  }
  ThreadState *thread(Tid Id);
  /// In the child of fork(): only \p Survivor goes on living.
  void forkedChild(ThreadState *Survivor);

  /// Offers every lock of the detector to \p Visit, outer ones before the
  /// ones taken while they are held, until it returns false. Holding all of
  /// them across fork() leaves none held by a thread the child lacks.
  bool forEachLock(bool (*Visit)(SpinLock &, void *), void *Context);

  // --- Memory ------------------------------------------------------------
  __attribute__((always_inline)) void access(ThreadState &T, uintptr_t Addr,
                                             size_t Size, bool Write,
                                             bool Atomic, SiteId Site) {
    // Nearly every access lies in one granule: with the size a constant at
    // each hook, this is a load, a compare and a return when covered, with
    // no call and no register saved.
    unsigned Offset = Addr & (GranuleBytes - 1);
    if (__builtin_expect(Size != 0 && Offset + Size <= GranuleBytes, 1))
      return accessGranule(T, Addr, uint8_t(((1u << Size) - 1) << Offset),
                           Write, Atomic, Site);
    accessSpanning(T, Addr, Size, Write, Atomic, Site);
  }
  /// An access over more than one granule, granule by granule.
  void accessSpanning(ThreadState &T, uintptr_t Addr, size_t Size, bool Write,
                      bool Atomic, SiteId Site);
  /// A loop's accesses to [Addr, Addr + Size), checked at once before it
  /// runs (the analyzer's range checks): the same as access(), with the
  /// work that does not depend on the granule done once.
  void accessRange(ThreadState &T, uintptr_t Addr, size_t Size, bool Write,
                   SiteId Site);
  void allocated(ThreadState &T, uintptr_t Addr, size_t Size, SiteId Site);
  /// \p T frees the block: a write of all of it, so that a use in another
  /// thread not ordered with the free is a race. The block keeps that write
  /// as its history until it is allocated again, unless the allocator
  /// gives it back to the system (\p Unmapped), when it is forgotten: the
  /// address may come back as a mapping no allocation hook sees.
  void freedBy(ThreadState &T, uintptr_t Addr, size_t Size, SiteId Site,
               bool Unmapped = false);
  /// The block is gone without a thread to blame (tests, unmapped memory).
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
  /// A signal wakes one waiter, a broadcast (\p All) every one.
  void condNotified(ThreadState &T, uintptr_t Cond, SiteId Site,
                    bool All = false);
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

  // --- Misuse seen in a call (CallMisuse.cpp) -----------------------------
  /// \p T made a call at \p Site that is misuse of kind \p Kind on
  /// \p Object; \p What completes "thread N ...". \p Call names the
  /// function, \p Error the error it returned, \p Waiters how many threads
  /// wait on the object, when they matter. Once per site.
  void reportCallMisuse(ThreadState &T, std::string_view Kind,
                        uintptr_t Object, SiteId Site, std::string_view What,
                        std::string_view Call = {},
                        std::string_view Error = {}, unsigned Waiters = 0);
  /// Thread \p Leaked (pthread handle \p Handle) ended and was neither
  /// joined nor detached; \p T notices as the process exits.
  void reportThreadLeak(ThreadState &T, Tid Leaked, uintptr_t Handle);
  bool threadHasFinished(Tid Id);

  // --- Lock lifetime (LockLifetime.cpp) -----------------------------------
  /// Before \p T frees [Addr, Addr + Size): a lock in it that is still held
  /// is destroyed while locked.
  void locksFreed(ThreadState &T, uintptr_t Addr, size_t Size, SiteId Site);
  /// \p Call initializes a lock at \p Lock: one still held there is
  /// reported (sync_reinit) and ends, so the new one starts unlocked.
  void lockInitialized(ThreadState &T, uintptr_t Lock, SiteId Site,
                       std::string_view Call);

  // --- Waits that order threads in every schedule (WaitOrder.cpp) ---------
  /// \p T arrives at a barrier of \p Parties (0: as initialized) and
  /// leaves it once the round is complete.
  void barrierArrives(ThreadState &T, uintptr_t Barrier, unsigned Parties = 0);
  void barrierLeaves(ThreadState &T, uintptr_t Barrier);
  void semaphorePosted(ThreadState &T, uintptr_t Semaphore);
  /// A wait on the semaphore succeeded.
  void semaphoreAcquired(ThreadState &T, uintptr_t Semaphore);

  // --- Objects used outside their life (SyncLifecycle.cpp) ----------------
  /// What an object's bytes say about it, as the shim reads them.
  enum class SyncHealth { Live, Destroyed, Uninitialized };
  /// \p T destroys the mutex, rwlock, spinlock or condition variable.
  void syncDestroyed(ThreadState &T, uintptr_t Object, SiteId Site);
  /// \p Call uses \p Object in state \p Health: lock_destroyed unless it
  /// is Live. Returns whether the object is dead.
  bool deadSyncUsed(ThreadState &T, uintptr_t Object, SiteId Site,
                    std::string_view Call, SyncHealth Health);
  /// Whether threads wait on the condition variable that a notify has not
  /// woken (reported, condvar_destroy_busy): it must not be destroyed.
  bool condDestroyedBusy(ThreadState &T, uintptr_t Cond, SiteId Site);
  /// pthread_cond_init: threads still waiting there are misuse.
  void condInitialized(ThreadState &T, uintptr_t Cond, SiteId Site);
  /// Whether threads wait at the barrier in a round under way (reported,
  /// barrier_misuse): \p Call, a destroy or an init, must not go on.
  bool barrierBusy(ThreadState &T, uintptr_t Barrier, SiteId Site,
                   std::string_view Call);
  /// sem_init with \p Value: threads waiting on it are misuse (sync_reinit).
  void semaphoreInitialized(ThreadState &T, uintptr_t Semaphore,
                            unsigned Value, SiteId Site);

  /// Frames of the stack \p Stack below the access site \p Site.
  std::vector<Frame> frames(SiteId Site, StackId Stack) const;

private:
  /// The common case inline: the same thread already made an access in
  /// this epoch that covers this one (alone, or second in a pair).
  /// Everything else is accessSlow.
  __attribute__((always_inline)) void
  accessGranule(ThreadState &T, uintptr_t Addr, uint8_t Mask, bool Write,
                bool Atomic, SiteId Site) {
    uint64_t Now = AccessWord::make(T.EpochBits, Mask, Write, Atomic).bits();
    ShadowWord *Word = Shadow.mappedWord(Addr);
    if (__builtin_expect(Word != nullptr, 1)) {
      // The same access again is the commonest covered one.
      uint64_t Seen = Word->load(std::memory_order_relaxed);
      if (__builtin_expect(Seen == Now || AccessWord::coveredBy(Now, Seen), 1))
        return;
    }
    accessUncovered(T, Addr, Now, Site);
  }
  /// The rest of accessGranule, out of line and called last, so that the
  /// covered case saves no registers: a pair's covering access, or
  /// accessSlow.
  __attribute__((noinline)) void accessUncovered(ThreadState &T,
                                                 uintptr_t Addr, uint64_t Now,
                                                 SiteId Site);
  void accessSlow(ThreadState &T, ShadowWord &Word, uintptr_t Addr,
                  AccessWord Now, SiteId Site);
  /// Checks a whole-granule write \p Now against the word's history and
  /// makes it the granule's only access (see freedBy).
  void overwriteGranule(ThreadState &T, ShadowWord &Word, uintptr_t Addr,
                        AccessWord Now, PlaceId Place, SiteId Site);
  /// Forgets the sync objects and lock-order edges of a freed range.
  void forgetSyncObjects(uintptr_t Addr, size_t Size);
  /// Replaces this thread's access at \p Index of \p Set, which \p Now
  /// stands for, without the record's lock; false when the record changed
  /// meanwhile and the locked path must do it.
  bool refreshOwnAccess(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                        CellSet *Set, uintptr_t Granule, unsigned Index,
                        uint64_t OldBits, uint16_t VersionSeen,
                        AccessWord Now, SiteId Site);
  /// Checks \p Now against the CellSet the word points to and adds it;
  /// false when the record was given back meanwhile (look again).
  bool accessCellSet(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                     uintptr_t Addr, AccessWord Now, SiteId Site);
  /// Checks \p Now against the AccessPair in the word and updates it, or
  /// turns the pair into a CellSet; false when the word must be looked at
  /// again.
  bool accessPair(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                  uintptr_t Addr, AccessWord Now, SiteId Site);
  /// The same for a ReadPair.
  bool accessReadPair(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                      uintptr_t Addr, AccessWord Now, SiteId Site);
  /// The same for a HandoffPair.
  bool accessHandoff(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                     uintptr_t Addr, AccessWord Now, SiteId Site);
  /// The two accesses of the packed pair \p Bits (an AccessPair, ReadPair
  /// or HandoffPair) and their places, from the word's \p Place; false if
  /// \p Bits is not a packed pair.
  bool unpackPacked(uint64_t Bits, PlaceId Place, AccessWord (&Entries)[2],
                    PlaceId (&Places)[2]) const;
  /// Moves the two accesses a packed word (\p Bits) holds, at \p Places,
  /// into a new CellSet, so that \p Now is looked at again there; false
  /// (look again) unless out of memory for records, when \p Now, checked
  /// against both, is left alone in the word.
  bool spillToCellSet(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                      uintptr_t Addr, const AccessWord (&Entries)[2],
                      const PlaceId (&Places)[2], AccessWord Now,
                      SiteId Site);
  /// Whether an acquire load of \p S by \p T would add nothing to T's
  /// clock (and, if \p Life, its LifeClock): see SyncObject::SoleRelease.
  static bool knowsSoleRelease(const ThreadState &T, const SyncObject &S,
                               bool Life) {
    AccessWord Sole(S.SoleRelease.load(std::memory_order_relaxed));
    if (Sole.empty())
      return false;
    return T.Clock_.get(Sole.tid()) >= Sole.clock() &&
           (!Life || T.LifeClock.get(Sole.tid()) >= Sole.clock());
  }
  /// Whether the earlier access \p Old happens before what \p T does now.
  bool orderedBefore(const ThreadState &T, AccessWord Old) const {
    return Old.tid() == T.Id || T.Clock_.get(Old.tid()) >= Old.clock();
  }
  /// Reports \p Old if it conflicts with \p Now and is not ordered
  /// before it; returns whether it is ordered.
  bool checkEarlier(ThreadState &T, uintptr_t Addr, AccessWord Now,
                    SiteId Site, AccessWord Old, PlaceId OldPlace);
  /// How many granules the \p Size bytes from \p Addr touch.
  static uint64_t granulesSpanned(uintptr_t Addr, size_t Size) {
    return (Addr % GranuleBytes + Size + GranuleBytes - 1) / GranuleBytes;
  }
  /// The place of an access \p T makes now at \p Site to \p Granules
  /// granules from \p Addr: the site itself. The rest of where it happened
  /// (stack, locks held) goes to T's history, for a report to replay.
  PlaceId placeOf(ThreadState &T, SiteId Site, uintptr_t Addr,
                  uint64_t Granules = 1) {
    // The granules of a range whose event is in the history already.
    if (Site == T.HistoryRange.Site &&
        Addr - T.HistoryRange.Begin < T.HistoryRange.End - T.HistoryRange.Begin)
      return Site;
    if (T.LocksetDirty)
      internLockset(T);
    AccessHistory &History = T.Stack.history();
    auto Snap = [&T] { return T.Stack.snapshot(); };
    History.noteContext(AccessWord(T.EpochBits).clock(), T.LocksetId, Snap);
    History.noteAccess(Site, Addr, Granules, Snap);
    return Site;
  }
  /// The depot node (\p Parent, \p Site), through \p T's cache.
  StackId internPlace(ThreadState &T, StackId Parent, SiteId Site);
  /// The place of a pair of accesses (a depot node, tagged), and back.
  PlaceId pairPlace(ThreadState &T, PlaceId Write, PlaceId Read);
  std::pair<PlaceId, PlaceId> unpackPairPlace(PlaceId Place) const;
  /// The site of the access at \p Place; of a pair's, the newer one.
  SiteId siteOfPlace(PlaceId Place) const;
  /// The stack and held locks of \p Old, made at \p Site on the granule of
  /// \p Addr, from its thread's history; false when that no longer reaches
  /// back to it.
  bool stackOfEarlier(AccessWord Old, SiteId Site, uintptr_t Addr,
                      StackId &Stack, uint32_t &Lockset);

  /// The held locks changed: their set is interned when an access made
  /// under them is first remembered (placeOf).
  void updateLockset(ThreadState &T) {
    T.LocksetDirty = !T.Held.empty();
    if (!T.LocksetDirty)
      T.LocksetId = 0;
  }
  void internLockset(ThreadState &T);
  /// Publishes \p W, stamped with the stack and the time, as T's wait.
  void startWait(ThreadState &T, WaitState W);
  void writeLocks(class JsonWriter &J, const std::vector<LockRecord> &Locks);

  void reportRace(ThreadState &T, uintptr_t Addr, uint8_t Mask, bool Write,
                  bool Atomic, SiteId Site, AccessWord Old, SiteId OldSite);

  void writeVariable(class JsonWriter &J, uintptr_t Addr);
  void writeStack(class JsonWriter &J, const std::vector<Frame> &Frames);
  /// The "threads" of a report: each of \p Ids with its parent and where
  /// it was created. \p Earlier: a thread and the clock of its access that
  /// the report is about, which may be an earlier thread of the slot.
  void writeThreads(class JsonWriter &J, const std::vector<Tid> &Ids,
                    std::optional<std::pair<Tid, Clock>> Earlier = {});
  /// Who had slot \p Id when its clock was \p At: the thread now there, an
  /// earlier one, or one forgotten (no parent); none for an unknown slot.
  std::optional<ThreadState::PastThread> threadAt(Tid Id, Clock At);
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
  /// lock_order_inversion for a feasible cycle, else lock_order_violation.
  void reportLockCycle(const LockCycle &Cycle);
  void reportLockLeak(ThreadState &T, const HeldLock &L);
  struct WaitSnapshot {
    ThreadState *Thread;
    WaitState Wait;
    std::vector<HeldLock> Held;
  };
  /// Whether the cycle of waits found in a snapshot is still there, each
  /// thread in the same wait and waiting for the next one.
  bool cycleStillHolds(const std::vector<WaitSnapshot> &Cycle);
  void reportDeadlock(const std::vector<WaitSnapshot> &Cycle);
  void reportStall(const std::vector<WaitSnapshot> &Threads);
  void reportStarvation(const WaitSnapshot &Waiter, uint64_t Acquisitions,
                        const std::vector<std::pair<Tid, uint64_t>> &By);
  void reportLivelock(const std::vector<WaitSnapshot> &Threads);
  void writeWait(class JsonWriter &J, const WaitSnapshot &W);
  std::vector<WaitSnapshot> snapshotThreads();
  void noteRelaxedLoad(ThreadState &T, uintptr_t Addr);
  void foldRelaxedLoads(ThreadState &T, VectorClock &Into);
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


  /// A free slot (its thread ended and was joined) for \p Parent's new
  /// thread, or a new one; null when all are taken (ThreadSlots.cpp).
  ThreadState *takeSlot(ThreadState &Parent);
  /// The frontier (HappensBeforeFrontier.h): T's clock into its row; that,
  /// and now and then a new minimum of the rows, after T's clock grew; the
  /// minimum now (no lock of the detector may be held).
  void publishClock(ThreadState &T);
  void clockGrew(ThreadState &T);
  void recomputeFrontier(ThreadState &T);
  static constexpr unsigned RecomputeEvery = 64;
  static constexpr size_t MaxFrontierThreads = 512;
  /// Puts an ended detached thread's slot on the free list. ThreadsLock held.
  void freeDetachedSlot(ThreadState &T);
  void reportUncheckedThread();

  SpinLock ThreadsLock;
  uint64_t HistoryEvents = AccessHistory::DefaultEvents;
  HappensBeforeFrontier Frontier;
  /// Taken (try-locked) before ThreadsLock by recomputeFrontier.
  SpinLock FrontierLock;
  /// Indexed by slot; a slot's state is reused by the threads that take it
  /// over, never freed, so a pointer to it stays valid.
  std::vector<std::unique_ptr<ThreadState>> Threads;
  /// Slots whose thread ended and was joined, the most recent last.
  std::vector<Tid> FreeSlots;
  /// Ended threads whose shadow call stack memory is kept for the next.
  static constexpr unsigned MaxRetainedStacks = 256;
  unsigned RetainedStacks = 0;
  uint64_t UncheckedThreads = 0;

  unsigned threadsWaitingOn(WaitKind Kind, uintptr_t Object);
  void arrive(ThreadState &T, uintptr_t Barrier, unsigned Parties);
  void post(ThreadState &T, uintptr_t Semaphore);
  void forgetDestroyed(uintptr_t Begin, uintptr_t End);
  /// Where each dead object was destroyed, until its memory holds another.
  struct DestroyRecord {
    Tid Thread = 0;
    SiteId Site = 0;
    StackId Stack = 0;
  };
  SpinLock DestroyedLock;
  std::map<uintptr_t, DestroyRecord> Destroyed;

  std::atomic<uint64_t> TimerArmedUntil{0};
  LockOrderGraph LockOrder;
  LocksetRegistry Locksets;
  SpinLock ReportedLock;
  std::set<std::string> Reported; // kind + sites of one-per-site findings
  bool LivelockReported = false;
};

} // namespace racegate

#endif

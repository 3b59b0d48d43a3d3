//===- ShadowAccess.cpp - checking an access against a granule's history --===//
//
// The inline part (Detector::accessGranule) handles an access that the same
// thread already covered in the same epoch. Here is the rest: a granule with
// one remembered access keeps one when the new access subsumes it, and
// becomes a CellSet when both must be remembered; a CellSet drops the
// accesses the new one subsumes and falls back to one word when only the
// new one is left.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"

#include <tuple>

namespace racegate {

/// Whether \p Now, which happens after \p Old, stands for it: on at least
/// its bytes and at least as strong, so that whatever races with \p Old
/// later races with \p Now too.
static bool subsumes(AccessWord Now, AccessWord Old) {
  return !(Old.mask() & ~Now.mask()) && (Now.isWrite() || !Old.isWrite());
}

/// Whether \p Old is an access of the same thread in the same epoch and of
/// the same kind as \p Now, on other bytes: the two are then one access on
/// the union of their bytes, which is exactly what the thread did (a sweep
/// over 4-byte elements reads both halves of a granule in turn).
static bool mergeable(AccessWord Now, AccessWord Old) {
  return ((Now.bits() ^ Old.bits()) & ~uint64_t(0xff)) == 0 && !Old.empty();
}

/// Whether two accesses to the same bytes conflict, if unordered.
static bool conflicts(AccessWord Now, AccessWord Old) {
  return (Now.isWrite() || Old.isWrite()) &&
         !(Now.isAtomic() && Old.isAtomic());
}

/// Whether \p Bits is a plain (not atomic) write of the whole granule by
/// \p T in its current epoch, an allocation's or its own: any access of
/// another thread not yet seen conflicts with it and cannot be ordered
/// after it.
static bool isOwnWholeWrite(const ThreadState &T, uint64_t Bits) {
  constexpr uint64_t Kind = 0x3ff, WholeWrite = 0x1ff;
  return (Bits & ~(AccessWord::FreshBit | AccessWord::KindBits)) ==
             T.EpochBits &&
         (Bits & Kind) == WholeWrite;
}

/// Whether \p Bits is the allocation write of a block \p T allocated in
/// its current epoch.
static bool isOwnFresh(const ThreadState &T, uint64_t Bits) {
  return Bits == AccessWord::fresh(T.EpochBits).bits();
}

/// Replaces the allocation write isOwnFresh() found with \p T's first write
/// at \p Place. It stands for the whole granule, as the allocation did. A
/// plain store is enough (see AccessWord::isFresh).
static void takeOverFresh(const ThreadState &T, ShadowWord &Word,
                          PlaceId Place) {
  ShadowMemory::placeOf(Word) = Place;
  Word.store(AccessWord::make(T.EpochBits, 0xff, true, false).bits(),
             std::memory_order_release);
}

static CellSet *cellSetOf(uint64_t Bits) {
  return reinterpret_cast<CellSet *>(Bits & ~AccessWord::CellSetTag);
}
static uint64_t tagged(CellSet *Set) {
  return reinterpret_cast<uint64_t>(Set) | AccessWord::CellSetTag;
}

/// The place of the word last seen as \p Bits, if it still is: a word's
/// place is written before the word and read after it, so a place read
/// while the word stays the same is that word's.
static bool placeOfWordSeen(ShadowWord &Word, uint64_t Bits, PlaceId &Place) {
  Place = __atomic_load_n(&ShadowMemory::placeOf(Word), __ATOMIC_ACQUIRE);
  return Word.load(std::memory_order_acquire) == Bits;
}

static_assert(StackDepot::Capacity <= PairMarker &&
                  SiteRegistry::Capacity <= PairMarker &&
                  SiteRegistry::Capacity <= (1u << AccessHistory::SiteBits),
              "a pair's place needs the marker bit free in ids, and the "
              "history every bit of a site");

StackId Detector::internPlace(ThreadState &T, StackId Parent, SiteId Site) {
  // The key is never 0, so an empty entry never matches.
  uint64_t Key = (uint64_t(Parent) << 32 | Site) + 1;
  auto &E = T.PlaceCache[(Key * 0x9E3779B97F4A7C15ull) >>
                         (64 - ThreadState::PlaceCacheBits)];
  if (E.Key != Key)
    E = {Key, Stacks.intern(Parent, Site)};
  return E.Place;
}

PlaceId Detector::pairPlace(ThreadState &T, PlaceId Write, PlaceId Read) {
  // A site has no tag; the read's place is always an access's own.
  Read &= ~PairPlaceTag;
  StackId Node = internPlace(T, Write, PairMarker | Read);
  // A full depot hands back the parent instead of a new node: the write's
  // place survives, the read's does not.
  if (Stacks.siteOf(Node) != (PairMarker | Read) ||
      Stacks.parentOf(Node) != Write)
    return Write;
  return PairPlaceTag | Node;
}

std::pair<PlaceId, PlaceId> Detector::unpackPairPlace(PlaceId Place) const {
  if (!(Place & PairPlaceTag))
    return {Place, 0};
  StackId Node = Place & ~PairPlaceTag;
  return {Stacks.parentOf(Node), Stacks.siteOf(Node) & ~PairMarker};
}

SiteId Detector::siteOfPlace(PlaceId Place) const {
  // A place stored by a thread whose compare-and-swap then lost may be a
  // pair's: the newer of its places is the likelier.
  if (Place & PairPlaceTag)
    return unpackPairPlace(Place).second;
  return Place;
}

bool Detector::stackOfEarlier(AccessWord Old, SiteId Site, uintptr_t Addr,
                              StackId &Stack, uint32_t &Lockset) {
  Stack = 0;
  Lockset = 0;
  ThreadState *Owner = thread(Old.tid());
  return Owner && Owner->Stack.history().find(Old.clock(), Site, Addr, Stacks,
                                              Stack, Lockset);
}

bool Detector::unpackPacked(uint64_t Bits, PlaceId Place,
                            AccessWord (&Entries)[2],
                            PlaceId (&Places)[2]) const {
  if (AccessPair::is(Bits)) {
    AccessPair Pair(Bits);
    Entries[0] = Pair.first();
    Entries[1] = Pair.second();
  } else if (ReadPair::is(Bits)) {
    // Both reads were made at the word's place.
    ReadPair Pair(Bits);
    Entries[0] = Pair.read(0);
    Entries[1] = Pair.read(1);
    Places[0] = Places[1] = Place;
    return true;
  } else if (HandoffPair::is(Bits)) {
    HandoffPair Pair(Bits);
    Entries[0] = Pair.write();
    Entries[1] = Pair.read();
  } else {
    return false;
  }
  std::tie(Places[0], Places[1]) = unpackPairPlace(Place);
  return true;
}

bool Detector::checkEarlier(ThreadState &T, uintptr_t Addr, AccessWord Now,
                            SiteId Site, AccessWord Old, PlaceId OldPlace) {
  if (orderedBefore(T, Old))
    return true;
  if (conflicts(Now, Old))
    reportRace(T, Addr, Now.mask(), Now.isWrite(), Now.isAtomic(), Site, Old,
               siteOfPlace(OldPlace));
  return false;
}

void Detector::accessSpanning(ThreadState &T, uintptr_t Addr, size_t Size,
                              bool Write, bool Atomic, SiteId Site) {
  while (Size > 0) {
    unsigned Offset = Addr & (GranuleBytes - 1);
    size_t Bytes = GranuleBytes - Offset < Size ? GranuleBytes - Offset : Size;
    accessGranule(T, Addr, uint8_t(((1u << Bytes) - 1) << Offset), Write,
                  Atomic, Site);
    Addr += Bytes;
    Size -= Bytes;
  }
}

/// Whether the packed pair \p Seen holds an access of \p Now's thread in
/// its epoch that covers it (see AccessWord::coveredBy).
/// Called for every granule a range check finds uncovered, so a plain
/// word leaves at once.
__attribute__((always_inline)) static inline bool
coveredInPair(uint64_t Now, uint64_t Seen) {
  if (!(Seen & AccessWord::CellSetTag))
    return false;
  // The thread's second access of a pair.
  if (AccessPair::is(Seen))
    return AccessWord::coveredBy(Now, AccessPair(Seen).second().bits());
  // Read-shared data: this thread's read is one of the two.
  if (ReadPair::is(Seen))
    return ReadPair::covers(Seen, Now);
  // Handed-over data: this thread is the reader.
  if (HandoffPair::is(Seen))
    return AccessWord::coveredBy(Now, HandoffPair(Seen).read().bits());
  return false;
}

void Detector::accessUncovered(ThreadState &T, uintptr_t Addr, uint64_t Now,
                               SiteId Site) {
  ShadowWord &Word = Shadow.word(Addr);
  uint64_t Seen = Word.load(std::memory_order_relaxed);
  if (AccessWord::coveredBy(Now, Seen) || coveredInPair(Now, Seen))
    return;
  accessSlow(T, Word, Addr, AccessWord(Now), Site);
}

void Detector::accessSlow(ThreadState &T, ShadowWord &Word, uintptr_t Addr,
                          AccessWord Now, SiteId Site) {
  // A signal handler that interrupted the runtime on this thread may find
  // a CellSet locked by the code it interrupted: it stands back.
  if (T.InRuntime)
    return;
  RuntimeScope Busy(T);
  T.LastAccessEpochBits = T.EpochBits;
  for (;;) {
    uint64_t Bits = Word.load(std::memory_order_acquire);
    if (AccessPair::is(Bits)) {
      if (accessPair(T, Word, Bits, Addr, Now, Site))
        return;
      continue;
    }
    if (ReadPair::is(Bits)) {
      if (accessReadPair(T, Word, Bits, Addr, Now, Site))
        return;
      continue;
    }
    if (HandoffPair::is(Bits)) {
      if (accessHandoff(T, Word, Bits, Addr, Now, Site))
        return;
      continue;
    }
    if (Bits & AccessWord::CellSetTag) {
      if (accessCellSet(T, Word, Bits, Addr, Now, Site))
        return;
      continue;
    }
    // A word's place is written before the word and read after it, and the
    // reader checks the word did not change meanwhile, so a report pairs an
    // access with its own place.
    if (Bits == 0) {
      PlaceId Place = placeOf(T, Site, Addr);
      ShadowMemory::placeOf(Word) = Place;
      if (Word.compare_exchange_strong(Bits, Now.bits(),
                                       std::memory_order_release))
        return;
      continue;
    }
    // The thread's first access to a granule of a block it allocated in
    // this epoch: a read is covered by the allocation's write; a write
    // takes its place with a plain store (see AccessWord::isFresh).
    if (isOwnFresh(T, Bits) && !Now.isAtomic()) {
      if (Now.isWrite())
        takeOverFresh(T, Word, placeOf(T, Site, Addr));
      return;
    }
    AccessWord Old(Bits);
    // Every thread is ordered after the old access (the data was filled
    // before the threads that use it started, or before a barrier they all
    // passed): it can never race again, and the new access alone stands
    // for the granule. A read after another thread's write, which would
    // otherwise take a record, costs a word.
    if (Frontier.covers(Old)) {
      ShadowMemory::placeOf(Word) = placeOf(T, Site, Addr);
      if (Word.compare_exchange_strong(Bits, Now.bits(),
                                       std::memory_order_release))
        return;
      continue;
    }
    PlaceId OldPlace;
    if (!placeOfWordSeen(Word, Bits, OldPlace))
      continue;
    bool Ordered = (Old.mask() & Now.mask())
                       ? checkEarlier(T, Addr, Now, Site, Old, OldPlace)
                       : orderedBefore(T, Old);
    PlaceId Place = placeOf(T, Site, Addr);
    // The new access replaces the old one only if nothing came in between:
    // even when the old access is this thread's own, another thread may
    // have stored its access since the load, and it was checked against
    // the old access only. A plain store would drop it unchecked against
    // this one, and a thread in a loop of covered accesses would never
    // look at the word again (two threads incrementing a counter, one
    // store landing after all the other thread's increments, race unseen).
    if (Ordered && subsumes(Now, Old)) {
      ShadowMemory::placeOf(Word) = Place;
      if (Word.compare_exchange_strong(Bits, Now.bits(),
                                       std::memory_order_release))
        return;
      continue;
    }
    if (mergeable(Now, Old)) {
      ShadowMemory::placeOf(Word) = Place;
      if (Word.compare_exchange_strong(Bits, Now.bits() | Old.mask(),
                                       std::memory_order_release))
        return;
      continue;
    }
    // A thread's own write and its later access that does not stand for
    // it (a read back after a release, a write of other bytes): both fit
    // one word.
    if (AccessPair::fits(Old, Now)) {
      ShadowMemory::placeOf(Word) = pairPlace(T, OldPlace, Place);
      if (Word.compare_exchange_strong(Bits, AccessPair::make(Old, Now).bits(),
                                       std::memory_order_release))
        return;
      continue;
    }
    // Another thread's write, read by this thread after it was handed
    // over (through a queue, a lock, a join): both fit one word.
    if (Ordered && HandoffPair::fits(Old, Now)) {
      ShadowMemory::placeOf(Word) = pairPlace(T, OldPlace, Place);
      if (Word.compare_exchange_strong(Bits, HandoffPair::make(Old, Now).bits(),
                                       std::memory_order_release))
        return;
      continue;
    }
    // Two threads' reads of the same bytes at the same place, neither
    // ordered before the other: both fit one word, with the place as it is.
    if (Place == OldPlace && ReadPair::fits(Old, Now)) {
      if (Word.compare_exchange_strong(Bits, ReadPair::make(Old, Now).bits(),
                                       std::memory_order_release))
        return;
      continue;
    }
    // Both accesses must be remembered. A thread's own write and later
    // read fit the smallest record; data two threads share tends to gain
    // more of them (readers of a table), and a record that grows leaves
    // the smaller one's memory behind in the pool.
    unsigned Log2 = CellSetPool::MinLog2Capacity + (Old.tid() != T.Id);
    CellSet *Set = Shadow.cellSets().take(
        Log2, Addr & ~uintptr_t(GranuleBytes - 1), &T.CellSets);
    if (!Set) {
      // Out of memory for records: the newer access is the likelier to
      // race again.
      ShadowMemory::placeOf(Word) = Place;
      if (Word.compare_exchange_strong(Bits, Now.bits(),
                                       std::memory_order_release))
        return;
      continue;
    }
    Set->words()[0].store(Bits, std::memory_order_relaxed);
    Set->places()[0] = OldPlace;
    Set->words()[1].store(Now.bits(), std::memory_order_relaxed);
    Set->places()[1] = Place;
    Set->Count = 2;
    if (Word.compare_exchange_strong(Bits, tagged(Set),
                                     std::memory_order_release))
      return;
    Shadow.cellSets().give(Set, &T.CellSets);
  }
}

/// Zero when each of the \p Count shadow words at \p Raw is covered by the
/// access a range check stands for (see accessRange): with \p Loose's bits
/// set, it is \p Want.
static uint64_t uncoveredBits(const uint64_t *Raw, size_t Count,
                              uint64_t Loose, uint64_t Want) {
  uint64_t Diff = 0;
  for (size_t I = 0; I < Count; ++I)
    Diff |= (Raw[I] | Loose) ^ Want;
  return Diff;
}

void Detector::accessRange(ThreadState &T, uintptr_t Addr, size_t Size,
                           bool Write, SiteId Site) {
  // A vectorized loop checks a range per iteration, a few whole granules
  // that the loop's earlier passes in this epoch already cover. A whole-
  // granule read is covered by this epoch's whole-granule read or write, or
  // by the allocation's write of a block this thread allocated in it; a
  // write by this epoch's write only.
  uint64_t Whole = AccessWord::make(T.EpochBits, 0xff, Write, false).bits();
  uint64_t Loose = Write ? 0 : (uint64_t(1) << 8) | AccessWord::FreshBit;
  uint64_t Want = Whole | Loose;
  constexpr size_t SmallRange = 8 * GranuleBytes;
  if (((Addr | Size) & (GranuleBytes - 1)) == 0 && Size <= SmallRange &&
      Shadow.sameRegion(Addr, Addr + Size - 1)) {
    // Read as plain words, as the inline check reads one: a word another
    // thread changes meanwhile was checked against this thread's by it.
    const uint64_t *Raw = reinterpret_cast<const uint64_t *>(&Shadow.word(Addr));
    if (!uncoveredBits(Raw, Size / GranuleBytes, Loose, Want))
      return;
  }
  uintptr_t End = Addr + Size;
  if (End < Addr)
    End = ~uintptr_t(0) & ~uintptr_t(GranuleBytes - 1);
  uintptr_t Begin = (Addr + GranuleBytes - 1) & ~uintptr_t(GranuleBytes - 1);
  uintptr_t Stop = End & ~uintptr_t(GranuleBytes - 1);
  if (Begin >= Stop)
    return access(T, Addr, Size, Write, /*Atomic=*/false, Site);
  // The partial granules at both ends take the general way.
  access(T, Addr, Begin - Addr, Write, false, Site);
  // The history gets one event for the range, on first need: the granules
  // that take the slow way find their place noted already (placeOf).
  bool Noted = false;
  auto NoteRange = [&] {
    if (Noted)
      return;
    Noted = true;
    placeOf(T, Site, Begin, (Stop - Begin) / GranuleBytes);
    T.HistoryRange = {Begin, Stop, Site};
  };
  auto Visit = [&](uintptr_t G, ShadowWord &Word) {
    uint64_t Seen = Word.load(std::memory_order_relaxed);
    if (AccessWord::coveredBy(Whole, Seen) || coveredInPair(Whole, Seen))
      return;
    // A block this thread allocated in this epoch, as in accessSlow.
    if (isOwnFresh(T, Seen) && !T.InRuntime) {
      if (!Write)
        return;
      NoteRange();
      takeOverFresh(T, Word, Site);
      return;
    }
    NoteRange();
    accessSlow(T, Word, G, AccessWord(Whole), Site);
  };
  // A loop that already went over the range in this epoch finds it covered
  // word after word: blocks of words are compared at once (the compiler
  // vectorizes the block), covered as above.
  constexpr size_t Block = 8;
  // The first write over a block this thread just allocated (filling a new
  // buffer) finds whole blocks of its allocation's words: they take the
  // write at once, as takeOverFresh does one by one.
  uint64_t OwnFresh = AccessWord::fresh(T.EpochBits).bits();
  bool TakesFresh = Write && !T.InRuntime;
  Shadow.forEachRun(Begin, Stop, [&](uintptr_t G, ShadowWord *Words,
                                     size_t Count) {
    const uint64_t *Raw = reinterpret_cast<const uint64_t *>(Words);
    for (size_t I = 0; I < Count;) {
      size_t N = Count - I < Block ? Count - I : Block;
      if (TakesFresh && !uncoveredBits(Raw + I, N, 0, OwnFresh)) {
        NoteRange();
        for (size_t K = I; K < I + N; ++K)
          ShadowMemory::placeOf(Words[K]) = Site;
        for (size_t K = I; K < I + N; ++K)
          Words[K].store(Whole, std::memory_order_release);
        I += N;
        continue;
      }
      if (uncoveredBits(Raw + I, N, Loose, Want))
        for (size_t K = I; K < I + N; ++K)
          if (uncoveredBits(Raw + K, 1, Loose, Want))
            Visit(G + K * GranuleBytes, Words[K]);
      I += N;
    }
  });
  T.HistoryRange = {};
  access(T, Stop, End - Stop, Write, false, Site);
}

bool Detector::accessCellSet(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                             uintptr_t Addr, AccessWord Now, SiteId Site) {
  CellSet *Set = cellSetOf(Bits);
  uintptr_t Granule = Addr & ~uintptr_t(GranuleBytes - 1);
  // Read-shared data is read over and over: find this thread's covering
  // access without taking the lock. Only this thread removes its accesses
  // of the current epoch, so one seen here is still there. Another access
  // that races with this one still has its pair of sites reported.
  uint8_t LockedSeen = Set->Locked.load(std::memory_order_acquire);
  uint16_t VersionSeen = Set->Version.load(std::memory_order_acquire);
  unsigned Seen = __atomic_load_n(&Set->Count, __ATOMIC_RELAXED);
  if (Seen > Set->capacity())
    Seen = Set->capacity();
  bool Covered = false, Conflicts = false;
  // This thread's earlier access that the new one stands for, refreshed in
  // place below: a reader in a new epoch is the commonest visitor, and
  // threads bumping a shared atomic counter the next. A plain write is
  // left to the locked path, which drops what the write stands for and
  // may give the granule back a single word and the inline fast path; an
  // atomic write does the same only once no other thread's access is
  // unordered with it, which it looks for here.
  int Refresh = -1;
  uint64_t RefreshBits = 0;
  bool OthersUnordered = false;
  for (unsigned I = 0; I < Seen; ++I) {
    AccessWord Old(Set->words()[I].load(std::memory_order_relaxed));
    if (AccessWord::coveredBy(Now.bits(), Old.bits())) {
      Covered = true;
    } else if (Old.tid() == T.Id && !Old.empty() &&
               Old.isAtomic() == Now.isAtomic() &&
               (!Now.isWrite() || Now.isAtomic()) && subsumes(Now, Old)) {
      Refresh = int(I);
      RefreshBits = Old.bits();
    } else if (Old.mask() & Now.mask() && conflicts(Now, Old)) {
      if (!orderedBefore(T, Old))
        Conflicts = true;
    } else if (Now.isWrite() && !OthersUnordered && Old.tid() != T.Id &&
               !Old.empty() && !orderedBefore(T, Old)) {
      OthersUnordered = true;
    }
  }
  if (Covered && !Conflicts &&
      Set->Granule.load(std::memory_order_acquire) == Granule &&
      Word.load(std::memory_order_relaxed) == Bits)
    return true;
  if (!Covered && !Conflicts && Refresh >= 0 && LockedSeen == 0 &&
      (!Now.isWrite() || OthersUnordered) &&
      refreshOwnAccess(T, Word, Bits, Set, Granule, unsigned(Refresh),
                     RefreshBits, VersionSeen, Now, Site))
    return true;

  // Noting the place may begin a part of the history, which interns the
  // stack: not while the record is locked, which other threads wait on.
  PlaceId Place = Covered ? 0 : placeOf(T, Site, Addr);
  Set->lock(Shadow.cellSets().lockGeneration());
  if (Set->Granule.load(std::memory_order_relaxed) != Granule ||
      Word.load(std::memory_order_relaxed) != Bits) {
    Set->unlock();
    return false;
  }
  std::atomic<uint64_t> *Words = Set->words();
  PlaceId *Places = Set->places();
  unsigned Count = Set->Count;
  // The accesses of this thread's epoch the new one merges with: together
  // they are one access, which may stand for more of the history. A
  // covered access merges with nothing and leaves the history as it is,
  // though each other access it races with is still a pair to report.
  uint8_t Merged = 0;
  Covered = false;
  for (unsigned I = 0; I < Count; ++I) {
    AccessWord Old(Words[I].load(std::memory_order_relaxed));
    Covered |= AccessWord::coveredBy(Now.bits(), Old.bits());
    if (mergeable(Now, Old))
      Merged |= Old.mask();
  }
  if (Covered)
    Merged = 0;
  AccessWord Union(Now.bits() | Merged);
  unsigned Kept = 0;
  for (unsigned I = 0; I < Count; ++I) {
    AccessWord Old(Words[I].load(std::memory_order_relaxed));
    // Only the bytes this access touched are checked; the merged ones were
    // when they were accessed.
    // An access every thread is ordered after is dropped too (see
    // accessSlow), though a read keeps other threads' reads: each is where
    // its thread refreshes its next read without the lock, where a record
    // emptied and given back would be taken again and refilled under it
    // by every reader of read-shared data after each advance of the
    // frontier.
    bool Drop = (Merged && mergeable(Now, Old)) ||
                (Frontier.covers(Old) &&
                 (Now.isWrite() || Old.isWrite() || Old.tid() == T.Id));
    if (!Drop && !AccessWord::coveredBy(Now.bits(), Old.bits()) &&
        (Old.mask() & Union.mask())) {
      bool Ordered = (Old.mask() & Now.mask())
                         ? checkEarlier(T, Addr, Now, Site, Old, Places[I])
                         : orderedBefore(T, Old);
      Drop = Ordered && subsumes(Union, Old);
    }
    if (Drop)
      continue;
    if (Kept != I) {
      Words[Kept].store(Old.bits(), std::memory_order_relaxed);
      Places[Kept] = Places[I];
    }
    ++Kept;
  }
  if (Covered) {
    Set->Count = Kept;
    Set->unlock();
    return true;
  }
  if (!Place)
    Place = placeOf(T, Site, Addr);
  Now = Union;
  if (Kept == 0) {
    // The new access stands for the whole history again.
    Word.store(Now.bits(), std::memory_order_release);
    ShadowMemory::placeOf(Word) = Place;
    Set->Count = 0;
    Set->unlock();
    Shadow.cellSets().give(Set, &T.CellSets);
    return true;
  }
  // Two threads' reads are all that is left of a record that never held
  // more (the second thread read the halves of a granule in turn): one
  // word holds them. A record that held more is data more threads share,
  // which would only spill again.
  if (Kept == 1 && Count <= 2 && Places[0] == Place &&
      ReadPair::fits(AccessWord(Words[0].load(std::memory_order_relaxed)),
                     Now)) {
    AccessWord First(Words[0].load(std::memory_order_relaxed));
    ShadowMemory::placeOf(Word) = Place;
    Word.store(ReadPair::make(First, Now).bits(), std::memory_order_release);
    Set->Count = 0;
    Set->unlock();
    Shadow.cellSets().give(Set, &T.CellSets);
    return true;
  }
  if (Kept < Set->capacity()) {
    Words[Kept].store(Now.bits(), std::memory_order_relaxed);
    Places[Kept] = Place;
    __atomic_store_n(&Set->Count, Kept + 1, __ATOMIC_RELAXED);
    Set->unlock();
    return true;
  }
  CellSet *Larger = Shadow.cellSets().take(Set->Log2Capacity + 1u, Granule,
                                             &T.CellSets);
  if (!Larger) {
    // No room anywhere: the oldest access gives way to the newest.
    Words[0].store(Now.bits(), std::memory_order_relaxed);
    Places[0] = Place;
    Set->Count = Kept;
    Set->unlock();
    return true;
  }
  for (unsigned I = 0; I < Kept; ++I) {
    Larger->words()[I].store(Words[I].load(std::memory_order_relaxed),
                             std::memory_order_relaxed);
    Larger->places()[I] = Places[I];
  }
  Larger->words()[Kept].store(Now.bits(), std::memory_order_relaxed);
  Larger->places()[Kept] = Place;
  Larger->Count = Kept + 1;
  Word.store(tagged(Larger), std::memory_order_release);
  Set->unlock();
  Shadow.cellSets().give(Set, &T.CellSets);
  return true;
}

bool Detector::accessPair(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                          uintptr_t Addr, AccessWord Now, SiteId Site) {
  AccessPair Pair(Bits);
  AccessWord Entries[2] = {Pair.first(), Pair.second()};
  if (Pair.tid() == T.Id && !Now.isAtomic()) {
    // The thread's own accesses are ordered before this one: nothing to
    // check. The new history is what a CellSet would keep (merging with
    // the accesses of this epoch, dropping those the result stands for);
    // if it is one access or a pair again, the word says it all.
    if (AccessWord::coveredBy(Now.bits(), Entries[1].bits()))
      return true;
    uint8_t Merged = 0;
    for (AccessWord E : Entries)
      if (mergeable(Now, E))
        Merged |= E.mask();
    AccessWord Union(Now.bits() | Merged);
    AccessWord Kept[2];
    unsigned KeptCount = 0, KeptIndex = 0;
    for (unsigned I = 0; I < 2; ++I)
      if (!mergeable(Now, Entries[I]) && !subsumes(Union, Entries[I])) {
        Kept[KeptCount++] = Entries[I];
        KeptIndex = I;
      }
    if (KeptCount == 0 ||
        (KeptCount == 1 && AccessPair::fits(Kept[0], Union))) {
      PlaceId Place = placeOf(T, Site, Addr);
      uint64_t Replacement = Union.bits();
      if (KeptCount == 1) {
        PlaceId OldPlace;
        if (!placeOfWordSeen(Word, Bits, OldPlace))
          return false;
        auto Places = unpackPairPlace(OldPlace);
        Place = pairPlace(T, KeptIndex ? Places.second : Places.first, Place);
        Replacement = AccessPair::make(Kept[0], Union).bits();
      }
      ShadowMemory::placeOf(Word) = Place;
      return Word.compare_exchange_strong(Bits, Replacement,
                                          std::memory_order_release);
    }
  }
  // Anything else (another thread, other bytes, an atomic access) is the
  // CellSet's business: the pair becomes one holding its two accesses,
  // and the access is looked at again.
  PlaceId PairPlace;
  if (!placeOfWordSeen(Word, Bits, PairPlace))
    return false;
  auto [FirstPlace, SecondPlace] = unpackPairPlace(PairPlace);
  return spillToCellSet(T, Word, Bits, Addr, Entries,
                        {FirstPlace, SecondPlace}, Now, Site);
}

bool Detector::spillToCellSet(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                              uintptr_t Addr, const AccessWord (&Entries)[2],
                              const PlaceId (&Places)[2], AccessWord Now,
                              SiteId Site) {
  // A pair spills because a third access is to join it: a record of two
  // would grow at once.
  unsigned Log2 = CellSetPool::MinLog2Capacity + 1;
  CellSet *Set = Shadow.cellSets().take(
      Log2, Addr & ~uintptr_t(GranuleBytes - 1), &T.CellSets);
  if (!Set) {
    // Out of memory for records: as in accessSlow, the newer access stays,
    // checked against both.
    for (unsigned I = 0; I < 2; ++I)
      if (Entries[I].mask() & Now.mask())
        checkEarlier(T, Addr, Now, Site, Entries[I], Places[I]);
    ShadowMemory::placeOf(Word) = placeOf(T, Site, Addr);
    return Word.compare_exchange_strong(Bits, Now.bits(),
                                        std::memory_order_release);
  }
  for (unsigned I = 0; I < 2; ++I) {
    Set->words()[I].store(Entries[I].bits(), std::memory_order_relaxed);
    Set->places()[I] = Places[I];
  }
  Set->Count = 2;
  if (!Word.compare_exchange_strong(Bits, tagged(Set),
                                    std::memory_order_release))
    Shadow.cellSets().give(Set, &T.CellSets);
  return false;
}

bool Detector::accessReadPair(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                              uintptr_t Addr, AccessWord Now, SiteId Site) {
  ReadPair Pair(Bits);
  AccessWord Reads[2] = {Pair.read(0), Pair.read(1)};
  // The reads the new access stands for, as in accessSlow: ordered before
  // it (or before every thread) and on no more bytes. Neither can race
  // with it then.
  bool StandsFor[2];
  for (unsigned I = 0; I < 2; ++I)
    StandsFor[I] = subsumes(Now, Reads[I]) &&
                   (orderedBefore(T, Reads[I]) || Frontier.covers(Reads[I]));
  if (StandsFor[0] && StandsFor[1]) {
    ShadowMemory::placeOf(Word) = placeOf(T, Site, Addr);
    return Word.compare_exchange_strong(Bits, Now.bits(),
                                        std::memory_order_release);
  }
  PlaceId PairPlace;
  if (!placeOfWordSeen(Word, Bits, PairPlace))
    return false;
  // A reader back in a new epoch, or a third reader after one of the two,
  // at the pair's place: the other read and the new one are the pair now.
  if (!Now.isWrite() && Site == PairPlace)
    for (unsigned I = 0; I < 2; ++I)
      if (StandsFor[I] && ReadPair::fits(Reads[1 - I], Now))
        return Word.compare_exchange_strong(
            Bits, ReadPair::make(Reads[1 - I], Now).bits(),
            std::memory_order_release);
  // A write, a read of other bytes or at another place, a third reader
  // that is ordered after neither: the CellSet's business.
  return spillToCellSet(T, Word, Bits, Addr, Reads, {PairPlace, PairPlace},
                        Now, Site);
}

bool Detector::accessHandoff(ThreadState &T, ShadowWord &Word, uint64_t Bits,
                             uintptr_t Addr, AccessWord Now, SiteId Site) {
  HandoffPair Pair(Bits);
  AccessWord Write = Pair.write(), Read = Pair.read();
  if (AccessWord::coveredBy(Now.bits(), Read.bits()))
    return true;
  PlaceId PairPlace;
  if (!placeOfWordSeen(Word, Bits, PairPlace))
    return false;
  auto [WritePlace, ReadPlace] = unpackPairPlace(PairPlace);
  if (!Now.isAtomic()) {
    if (Now.isWrite()) {
      // The consumer (or a later owner) writes the whole granule, ordered
      // after both: it stands for them, as in accessSlow.
      if (Now.mask() == 0xff && orderedBefore(T, Write) &&
          orderedBefore(T, Read)) {
        ShadowMemory::placeOf(Word) = placeOf(T, Site, Addr);
        return Word.compare_exchange_strong(Bits, Now.bits(),
                                            std::memory_order_release);
      }
    } else if (orderedBefore(T, Read)) {
      // The reader in a later epoch, or another reader after it: ordered
      // after the write too, and standing for the old read if it covers
      // its bytes (merged with it when of the same epoch).
      AccessWord NewRead(Now.bits() |
                         (mergeable(Now, Read) ? Read.mask() : uint8_t(0)));
      if (!(Read.mask() & ~NewRead.mask()) &&
          HandoffPair::fits(Write, NewRead)) {
        ShadowMemory::placeOf(Word) =
            pairPlace(T, WritePlace, placeOf(T, Site, Addr));
        return Word.compare_exchange_strong(
            Bits, HandoffPair::make(Write, NewRead).bits(),
            std::memory_order_release);
      }
    }
  }
  // A read not ordered after the pair's, an atomic access, a partial
  // write, the writer back: the CellSet's business.
  AccessWord Entries[2] = {Write, Read};
  return spillToCellSet(T, Word, Bits, Addr, Entries, {WritePlace, ReadPlace},
                        Now, Site);
}

bool Detector::refreshOwnAccess(ThreadState &T, ShadowWord &Word,
                                uint64_t Bits, CellSet *Set,
                                uintptr_t Granule, unsigned Index,
                                uint64_t OldBits, uint16_t VersionSeen,
                                AccessWord Now, SiteId Site) {
  // The old access happened before this one and this one stands for it, and
  // no other access in the record conflicts unordered: replacing the word
  // in place is all the locked path would do. A locked update or a reuse
  // of the record may run meanwhile and move or drop the entry; it changes
  // the version, and then the locked path does the work again (it finds
  // this access, or adds it if it was lost). A locked writer that starts
  // after the check below sees the new access, so every race is still
  // found by one side or the other.
  PlaceId Place = placeOf(T, Site, Granule);
  std::atomic<uint64_t> &Entry = Set->words()[Index];
  PlaceId *EntryPlace = &Set->places()[Index];
  PlaceId OldPlace = __atomic_load_n(EntryPlace, __ATOMIC_RELAXED);
  uint64_t Expected = OldBits;
  if (!Entry.compare_exchange_strong(Expected, Now.bits(),
                                     std::memory_order_seq_cst))
    return false;
  // A report made in between pairs the new access with this thread's older
  // access of the same bytes: the place catches up at once.
  __atomic_store_n(EntryPlace, Place, __ATOMIC_RELAXED);
  if (Set->Locked.load(std::memory_order_seq_cst) == 0 &&
      Set->Version.load(std::memory_order_acquire) == VersionSeen &&
      Set->Granule.load(std::memory_order_acquire) == Granule &&
      Word.load(std::memory_order_acquire) == Bits)
    return true;
  // The record may hold another granule's accesses by now: put back what
  // was there, if it still is.
  uint64_t Mine = Now.bits();
  if (Entry.compare_exchange_strong(Mine, OldBits, std::memory_order_seq_cst))
    __atomic_store_n(EntryPlace, OldPlace, __ATOMIC_RELAXED);
  return false;
}

void Detector::overwriteGranule(ThreadState &T, ShadowWord &Word,
                                uintptr_t Addr, AccessWord Now, PlaceId Place,
                                SiteId Site) {
  PlaceId &WordPlace = ShadowMemory::placeOf(Word);
  PlaceId OldPlace = WordPlace;
  uint64_t Bits = Word.exchange(Now.bits(), std::memory_order_acq_rel);
  WordPlace = Place;
  if (Bits == 0 || AccessWord::coveredBy(Now.bits(), Bits))
    return;
  if (!(Bits & AccessWord::CellSetTag)) {
    AccessWord Old(Bits);
    // A block freed by another thread than the one that allocated it, with
    // no access in between: whatever ordered the two (often the thread
    // library's own locks, which no hook sees) is no concern of the
    // program's, and there is no access of its own to race.
    if (Old.tid() != T.Id && !Old.isFresh())
      checkEarlier(T, Addr, Now, Site, Old, OldPlace);
    return;
  }
  AccessWord Entries[2];
  PlaceId Places[2];
  if (unpackPacked(Bits, OldPlace, Entries, Places)) {
    for (unsigned I = 0; I < 2; ++I)
      if (Entries[I].tid() != T.Id)
        checkEarlier(T, Addr, Now, Site, Entries[I], Places[I]);
    return;
  }
  CellSet *Set = cellSetOf(Bits);
  Set->lock(Shadow.cellSets().lockGeneration());
  bool Owned = Set->Granule.load(std::memory_order_relaxed) ==
               (Addr & ~uintptr_t(GranuleBytes - 1));
  if (Owned)
    for (unsigned I = 0, E = Set->Count; I < E; ++I) {
      AccessWord Old(Set->words()[I].load(std::memory_order_relaxed));
      if (!Old.isFresh())
        checkEarlier(T, Addr, Now, Site, Old, Set->places()[I]);
    }
  Set->unlock();
  if (Owned)
    Shadow.cellSets().give(Set, &T.CellSets);
}

void Detector::freedBy(ThreadState &T, uintptr_t Addr, size_t Size,
                       SiteId Site, bool Unmapped) {
  if (T.InRuntime)
    return freed(Addr, Size);
  RuntimeScope Busy(T);
  // The bytes the program asked for: the allocator's slack past them is
  // not reset when the block is allocated again, so it must not be marked.
  if (std::optional<HeapBlock> Block = Heap.remove(Addr))
    Size = Block->Size;
  // One pass: each granule is checked as written by the free and keeps
  // that write. A granule the freeing thread wrote whole in this epoch,
  // the common case, costs a load and a store of the place; one it touched
  // earlier, a compare-and-swap (an access another thread made since the
  // load goes the checked way).
  PlaceId Place = placeOf(T, Site, Addr, granulesSpanned(Addr, Size));
  T.LastAccessEpochBits = T.EpochBits;
  AccessWord Free = AccessWord::make(T.EpochBits, 0xff, true, false);
  Shadow.forEachWord(
      Addr & ~uintptr_t(GranuleBytes - 1), Addr + Size,
      [&](uintptr_t G, ShadowWord &Word) {
        uint64_t Bits = Word.load(std::memory_order_relaxed);
        if (isOwnWholeWrite(T, Bits)) {
          // No other thread's access can be lost by a plain store here: one
          // stored since the load was not ordered after this thread's write
          // (it is of this epoch) and conflicted with it, so it was
          // reported.
          ShadowMemory::placeOf(Word) = Place;
          if (Bits != Free.bits())
            Word.store(Free.bits(), std::memory_order_release);
          return;
        }
        if (!(Bits & AccessWord::CellSetTag) &&
            AccessWord(Bits).tid() == T.Id && Bits != 0) {
          ShadowMemory::placeOf(Word) = Place;
          if (Word.compare_exchange_strong(Bits, Free.bits(),
                                           std::memory_order_relaxed))
            return;
        }
        overwriteGranule(T, Word, G, Free, Place, Site);
      });
  if (Unmapped)
    Shadow.reset(Addr, Size);
  forgetSyncObjects(Addr, Size);
}

} // namespace racegate

#include "DetectorHarness.h"
#include "ShadowMemory.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

TEST(ShadowMemory, GranulesAreDistinctAndStable) {
  ShadowMemory S;
  uintptr_t A = 0x7f0000001000;
  ShadowWord *G0 = &S.word(A);
  EXPECT_EQ(&S.word(A + 7), G0);
  EXPECT_EQ(&S.word(A + 8), G0 + 1);
  EXPECT_NE(&S.word(A + ShadowMemory::RegionBytes), G0);
  // Places are per granule too, apart from the words.
  EXPECT_NE(&ShadowMemory::placeOf(S.word(A)), &ShadowMemory::placeOf(S.word(A + 8)));
}

TEST(ShadowMemory, ResetForgetsAccesses) {
  ShadowMemory S;
  uintptr_t A = 0x5555000000;
  for (uintptr_t P = A; P < A + (1 << 20); P += 8)
    S.word(P).store(1);
  S.word(A - 8).store(1);
  S.reset(A, 1 << 20);
  EXPECT_EQ(S.word(A).load(), 0u);
  EXPECT_EQ(S.word(A + (1 << 19)).load(), 0u);
  EXPECT_EQ(S.word(A + (1 << 20) - 8).load(), 0u);
  EXPECT_EQ(S.word(A - 8).load(), 1u); // outside the range
}

namespace {
alignas(8) long Cells[4];
}

TEST(ShadowMemory, OneThreadKeepsOneWordPerGranule) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main);
  for (int Round = 0; Round < 3; ++Round) {
    H.write(*A, &Cells[0], 8, 1);
    H.read(*A, &Cells[0], 8, 2);
    A->tick();
  }
  // A later write by the same thread subsumes its earlier read and write.
  H.write(*A, &Cells[0], 8, 3);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  EXPECT_EQ(H.races(), 0u);
}

TEST(ShadowMemory, ManyReadersAreAllRemembered) {
  // Far more concurrent readers than any fixed number of cells: a write
  // unordered with the first of them must still be a race.
  DetectorHarness H;
  std::vector<ThreadState *> Readers;
  for (int I = 0; I < 40; ++I)
    Readers.push_back(H.spawn(*H.Main));
  ThreadState *Writer = H.spawn(*H.Main);
  for (size_t I = 0; I < Readers.size(); ++I)
    H.read(*Readers[I], &Cells[1], 8, I == 0 ? 10 : 11);
  EXPECT_EQ(H.races(), 0u);
  EXPECT_EQ(H.D.cellSetsInUse(), 1u);
  // Every reader but the first is joined: only the first one races.
  for (size_t I = 1; I < Readers.size(); ++I)
    H.finishAndJoin(*Writer, *Readers[I]);
  H.write(*Writer, &Cells[1], 8, 7);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 10);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"], Readers[0]->Id);
}

TEST(ShadowMemory, ResetGivesRecordsBack) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.read(*A, &Cells[2], 8, 1);
  H.read(*B, &Cells[2], 8, 2);
  H.read(*C, &Cells[2], 8, 2);
  EXPECT_EQ(H.D.cellSetsInUse(), 1u);
  H.D.shadow().reset(reinterpret_cast<uintptr_t>(&Cells[2]), 8);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  H.write(*A, &Cells[2], 8, 3);
  EXPECT_EQ(H.races(), 0u);
}

TEST(ShadowMemory, DifferentBytesByDifferentThreadsDoNotRace) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  auto *Bytes = reinterpret_cast<char *>(&Cells[3]);
  H.write(*A, Bytes, 1, 1);
  H.write(*B, Bytes + 1, 1, 2);
  H.write(*A, Bytes + 2, 2, 3);
  EXPECT_EQ(H.races(), 0u);
  H.write(*B, Bytes + 3, 1, 4); // overlaps A's two-byte write
  EXPECT_EQ(H.races(), 1u);
}

TEST(ShadowMemory, RefreshedReadKeepsItsNewEpochAndPlace) {
  // A reader of read-shared data reads again after a lock handoff: a writer
  // that learned of its first read, but not of the second, races with the
  // second, and the report names where the second happened.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  alignas(8) static long Lock;
  H.read(*A, &Cells[2], 8, 10);
  H.read(*B, &Cells[2], 8, 11);
  H.D.mutexLocked(*A, uintptr_t(&Lock), H.line(1));
  H.D.mutexUnlocked(*A, uintptr_t(&Lock));
  H.read(*A, &Cells[2], 8, 12);
  H.read(*A, &Cells[2], 8, 13); // covered by the refreshed read
  H.finishAndJoin(*C, *B);
  H.D.mutexLocked(*C, uintptr_t(&Lock), H.line(2));
  EXPECT_EQ(H.races(), 0u);
  H.write(*C, &Cells[2], 8, 14);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"], A->Id);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 12);
}

namespace {
/// How many accesses the granule of \p P remembers.
unsigned remembered(DetectorHarness &H, const void *P) {
  uint64_t Bits = H.D.shadow().word(reinterpret_cast<uintptr_t>(P)).load();
  if (Bits == 0)
    return 0;
  if (!(Bits & AccessWord::CellSetTag))
    return 1;
  if (AccessPair::is(Bits) || ReadPair::is(Bits))
    return 2;
  return reinterpret_cast<CellSet *>(Bits & ~AccessWord::CellSetTag)->Count;
}
bool isPair(DetectorHarness &H, const void *P) {
  return AccessPair::is(
      H.D.shadow().word(reinterpret_cast<uintptr_t>(P)).load());
}
alignas(8) uint32_t Halves[8];
} // namespace

TEST(ShadowMemory, HalvesReadInOneEpochAreOneAccess) {
  // A sweep over 4-byte elements after the thread's own write: the two
  // reads of one epoch are one access beside the write, and a write of
  // either half by an unordered thread still races with it.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Halves[0], 8, 1);
  A->tick();
  H.read(*A, &Halves[0], 4, 2);
  H.read(*A, &Halves[1], 4, 3);
  EXPECT_EQ(remembered(H, &Halves[0]), 2u);
  H.read(*A, &Halves[2], 4, 4);
  H.read(*A, &Halves[3], 4, 5);
  EXPECT_EQ(remembered(H, &Halves[2]), 1u);
  EXPECT_EQ(H.races(), 0u);
  // Races with A's write and with its read of that half.
  H.write(*B, &Halves[1], 4, 6);
  EXPECT_EQ(H.races(), 2u);
  H.write(*B, &Halves[2], 4, 7);
  ASSERT_EQ(H.races(), 3u);
  EXPECT_EQ(H.Sink.Findings[2]["stacks"][1]["frames"][0]["line"], 5);
}

TEST(ShadowMemory, ReadsOfDifferentEpochsAreNotMerged) {
  // A thread that learned of the first read but not of the second races
  // only with the second.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  alignas(8) static long Lock;
  H.read(*A, &Halves[4], 4, 1);
  H.D.mutexLocked(*A, uintptr_t(&Lock), H.line(2));
  H.D.mutexUnlocked(*A, uintptr_t(&Lock));
  H.read(*A, &Halves[5], 4, 3);
  EXPECT_EQ(remembered(H, &Halves[4]), 2u);
  H.D.mutexLocked(*B, uintptr_t(&Lock), H.line(4));
  H.write(*B, &Halves[4], 4, 5);
  EXPECT_EQ(H.races(), 0u);
  H.write(*B, &Halves[5], 4, 6);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 3);
}

TEST(ShadowMemory, ACoveredReadDropsNothingItCouldMergeWith) {
  // In one epoch the thread read one half and wrote the other; reading the
  // written half again is covered by the write, and the read of the first
  // half must stay.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *C = H.spawn(*H.Main);
  H.write(*A, &Halves[7], 4, 1);
  A->tick();
  H.read(*A, &Halves[6], 4, 2);
  H.write(*A, &Halves[7], 4, 3);
  H.read(*A, &Halves[7], 4, 4);
  EXPECT_EQ(H.races(), 0u);
  H.write(*C, &Halves[6], 4, 5);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 2);
}

namespace {
alignas(8) uint32_t Owned[8];
alignas(8) long Published;
} // namespace

TEST(ShadowMemory, ReadingBackOwnWriteAfterARelease) {
  // The thread writes, publishes, reads back: one word holds both, and
  // each still races on its own terms. B learned of the write only: its
  // read is ordered, its write races with the read. C learned of nothing:
  // its read races with the write.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.write(*A, &Owned[0], 4, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[0], 4, 2);
  EXPECT_TRUE(isPair(H, &Owned[0]));
  H.read(*A, &Owned[0], 4, 3); // covered
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  H.D.acquire(*B, uintptr_t(&Published));
  H.read(*B, &Owned[0], 4, 4);
  EXPECT_EQ(H.races(), 0u);
  H.read(*C, &Owned[0], 4, 5);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["operation"], "write");
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 1);
  H.write(*B, &Owned[0], 4, 6);
  ASSERT_GE(H.races(), 2u);
  EXPECT_EQ(H.Sink.Findings[1]["race"]["accesses"][1]["operation"], "read");
  EXPECT_EQ(H.Sink.Findings[1]["race"]["accesses"][1]["thread"], A->Id);
  EXPECT_EQ(H.Sink.Findings[1]["stacks"][1]["frames"][0]["line"], 2);
}

TEST(ShadowMemory, APairFollowsItsThreadsLaterAccesses) {
  // A later read moves the pair's read on and keeps the write; a write of
  // the bytes replaces both.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Owned[2], 4, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[2], 4, 2);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[2], 4, 3);
  EXPECT_TRUE(isPair(H, &Owned[2]));
  H.D.acquire(*B, uintptr_t(&Published));
  H.read(*B, &Owned[2], 4, 4); // after both: ordered
  EXPECT_EQ(H.races(), 0u);
  H.D.release(*B, uintptr_t(&Published));
  H.D.acquire(*A, uintptr_t(&Published));
  H.write(*A, &Owned[2], 4, 5);
  EXPECT_EQ(H.races(), 0u);
  EXPECT_EQ(remembered(H, &Owned[2]), 1u); // the write stands for all
  // B learned of everything before A's last write only.
  H.write(*B, &Owned[2], 4, 6);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 5);
}

TEST(ShadowMemory, APairBecomesARecordWhenItCannotStandForTheHistory) {
  // Other bytes, another thread's access, or a gap too long between the
  // write and the read: a record, with the pair's accesses and places.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Owned[4], 4, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[4], 4, 2);
  ASSERT_TRUE(isPair(H, &Owned[4]));
  H.read(*A, &Owned[5], 4, 3); // the other half of the granule
  EXPECT_FALSE(isPair(H, &Owned[4]));
  EXPECT_EQ(remembered(H, &Owned[4]), 2u); // the write, the merged read
  // Races with A's write and with its read (one access with the merged
  // read of the other half, named by its later site): two pairs of sites.
  H.write(*B, &Owned[4], 4, 4);
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 1);
  EXPECT_EQ(H.Sink.Findings[1]["stacks"][1]["frames"][0]["line"], 3);

  H.write(*A, &Owned[6], 4, 5);
  for (unsigned I = 0; I < 5000; ++I)
    H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[6], 4, 6);
  EXPECT_FALSE(isPair(H, &Owned[6]));
  EXPECT_EQ(remembered(H, &Owned[6]), 2u);
  H.read(*B, &Owned[6], 4, 7);
  ASSERT_EQ(H.races(), 3u);
  EXPECT_EQ(H.Sink.Findings[2]["stacks"][1]["frames"][0]["line"], 5);
}

TEST(ShadowMemory, FreeingAPairChecksBothAccesses) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Owned[7], 4, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[7], 4, 2);
  ASSERT_TRUE(isPair(H, &Owned[6]));
  H.D.acquire(*B, uintptr_t(&Published));
  H.D.freedBy(*B, uintptr_t(&Owned[6]), 8, H.line(3));
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["operation"], "read");
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 2);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
}

TEST(ShadowMemory, APairReadsPartOfWhatItWrote) {
  // The whole granule written, then one half read back after a release:
  // a thread that learned of the write races only on the half read.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Owned[0], 8, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[1], 4, 2);
  ASSERT_TRUE(isPair(H, &Owned[0]));
  H.read(*A, &Owned[1], 4, 3); // covered
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  H.D.acquire(*B, uintptr_t(&Published));
  H.write(*B, &Owned[0], 4, 4);
  EXPECT_EQ(H.races(), 0u);
  H.write(*B, &Owned[1], 4, 5);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["operation"], "read");
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 2);
}

TEST(ShadowMemory, APairsReadGrowsInItsEpochAndMovesOnWhole) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Owned[2], 8, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[2], 4, 2);
  H.read(*A, &Owned[3], 4, 3); // same epoch: the pair reads both halves
  ASSERT_TRUE(isPair(H, &Owned[2]));
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Owned[2], 4, 4); // later, one half only: a record
  EXPECT_FALSE(isPair(H, &Owned[2]));
  // B learned of everything but the last read: it races with that one.
  H.D.acquire(*B, uintptr_t(&Published));
  H.write(*B, &Owned[3], 4, 5);
  EXPECT_EQ(H.races(), 0u);
  H.write(*B, &Owned[2], 4, 6);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 4);
}

TEST(ShadowMemory, APairHoldsAWriteOfPartOfWhatTheThreadWroteBefore) {
  // Rewriting a granule half by half after a release: between the halves,
  // a pair of the old write and the new; after both, one write again.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Owned[4], 8, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.write(*A, &Owned[4], 4, 2);
  ASSERT_TRUE(isPair(H, &Owned[4]));
  H.D.acquire(*B, uintptr_t(&Published));
  H.read(*B, &Owned[5], 4, 3); // the old write's half: ordered
  EXPECT_EQ(H.races(), 0u);
  H.read(*B, &Owned[4], 4, 4); // the new write's half: a race with it
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 2);

  H.write(*A, &Owned[6], 8, 5);
  H.D.release(*A, uintptr_t(&Published));
  H.write(*A, &Owned[6], 4, 6);
  H.write(*A, &Owned[7], 4, 7);
  EXPECT_EQ(remembered(H, &Owned[6]), 1u);
  EXPECT_FALSE(isPair(H, &Owned[6]));
}

namespace {
alignas(8) uint32_t Table[4];
} // namespace

TEST(ShadowMemory, AReadOfHalfAfterAWholeReadIsAPair) {
  // A table the thread read in whole, read again one half at a time in a
  // new epoch: the old read and the new half fit one word, no record; the
  // other half read in that epoch makes one read of the whole again.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.read(*A, &Table[2], 8, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Table[2], 4, 2);
  ASSERT_TRUE(isPair(H, &Table[2]));
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  H.read(*A, &Table[3], 4, 3);
  EXPECT_FALSE(isPair(H, &Table[2]));
  EXPECT_EQ(remembered(H, &Table[2]), 1u);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);

  H.read(*A, &Table[0], 8, 4);
  H.D.release(*A, uintptr_t(&Published));
  H.read(*A, &Table[0], 4, 5);
  ASSERT_TRUE(isPair(H, &Table[0]));
  // B learned of the whole read only: its write of the half A has not
  // read again is ordered, of the other half a race with the new read.
  H.D.acquire(*B, uintptr_t(&Published));
  H.write(*B, &Table[1], 4, 6);
  EXPECT_EQ(H.races(), 0u);
  H.write(*B, &Table[0], 4, 7);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["operation"], "read");
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 5);
}

TEST(ShadowMemory, AReadThenAWriteOfOtherBytesIsAPair) {
  // A thread's read of one half and, in a later epoch, its write of the
  // other: each still races on its own bytes.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.read(*A, &Table[0], 4, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.write(*A, &Table[1], 4, 2);
  ASSERT_TRUE(isPair(H, &Table[0]));
  // C learned of nothing: writing the read half races with the read.
  H.write(*C, &Table[0], 4, 3);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["operation"], "read");
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 1);
  // B learned of the read only: reading the written half races with it.
  H.D.acquire(*B, uintptr_t(&Published));
  H.read(*B, &Table[1], 4, 4);
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(H.Sink.Findings[1]["race"]["accesses"][1]["operation"], "write");
  EXPECT_EQ(H.Sink.Findings[1]["stacks"][1]["frames"][0]["line"], 2);
}

namespace {
alignas(8) long Counter;
alignas(8) long SharedTable;
} // namespace

TEST(ShadowMemory, ThreadsBumpingACounterKeepOneAccessEach) {
  // Relaxed increments by two threads in epoch after epoch: each thread's
  // new increment stands for its last one, so the record keeps one access
  // of each, the latest, and a plain read ordered with neither races with
  // both, at the lines of their last increments.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  auto Bump = [&](ThreadState &T, unsigned Line) {
    H.D.access(T, uintptr_t(&Counter), 8, /*Write=*/true, /*Atomic=*/true,
               H.line(Line));
    T.tick();
  };
  for (unsigned Round = 0; Round < 10; ++Round) {
    Bump(*A, 10 + Round);
    Bump(*B, 20 + Round);
  }
  EXPECT_EQ(remembered(H, &Counter), 2u);
  EXPECT_EQ(H.races(), 0u);
  H.read(*C, &Counter, 8, 1);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{19, 29}));
}

TEST(ShadowMemory, ReadersOfSharedDataKeepTheirReadsWhileTheyRead) {
  // Three readers, ordered after one another's earlier reads through a
  // lock, read again: the record keeps one read of each (none is dropped
  // for another reader's read), and a writer that learned of none races
  // with the latest read of each.
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main), *W = H.spawn(*H.Main);
  alignas(8) static long Lock;
  ThreadState *Readers[] = {A, B, C};
  for (unsigned Round = 0; Round < 5; ++Round)
    for (unsigned I = 0; I < 3; ++I) {
      H.D.mutexLocked(*Readers[I], uintptr_t(&Lock), H.line(1));
      H.D.mutexUnlocked(*Readers[I], uintptr_t(&Lock));
      H.read(*Readers[I], &SharedTable, 8, 10 + 5 * I + Round);
    }
  EXPECT_EQ(H.races(), 0u);
  EXPECT_LE(remembered(H, &SharedTable), 3u);
  H.write(*W, &SharedTable, 8, 2);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{14, 19, 24}));
}

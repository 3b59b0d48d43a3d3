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
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.read(*A, &Cells[2], 8, 1);
  H.read(*B, &Cells[2], 8, 2);
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
  return reinterpret_cast<CellSet *>(Bits & ~AccessWord::CellSetTag)->Count;
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

//===- ReadPairTest.cpp - two threads' reads in one shadow word -----------===//
#include "DetectorHarness.h"

#include <gtest/gtest.h>

#include <set>

using namespace racegate;
using namespace racegate::test;

namespace {
alignas(8) long Shared[4];

AccessWord readBy(Tid T, Clock C, uint8_t Mask = 0xff, bool Atomic = false) {
  return AccessWord::make(AccessWord::epochBits(T, C), Mask, false, Atomic);
}

} // namespace

TEST(ReadPair, KeepsBothReadsExactly) {
  AccessWord First = readBy(3, 1000, 0x0f), Second = readBy(63, (1 << 20) - 1,
                                                               0x0f);
  ASSERT_TRUE(ReadPair::fits(First, Second));
  ReadPair Pair = ReadPair::make(First, Second);
  EXPECT_TRUE(ReadPair::is(Pair.bits()));
  EXPECT_FALSE(AccessPair::is(Pair.bits()));
  EXPECT_FALSE(pointsToCellSet(Pair.bits()));
  EXPECT_EQ(Pair.read(0).bits(), First.bits());
  EXPECT_EQ(Pair.read(1).bits(), Second.bits());
  EXPECT_TRUE(ReadPair::covers(Pair.bits(), readBy(63, (1 << 20) - 1, 0x03)
                                                .bits()));
  EXPECT_FALSE(ReadPair::covers(Pair.bits(), readBy(63, 7, 0x03).bits()));
  EXPECT_FALSE(ReadPair::covers(Pair.bits(), readBy(3, 1000, 0xf0).bits()));
  AccessWord Atomics[2] = {readBy(1, 5, 0xff, true), readBy(2, 6, 0xff, true)};
  ASSERT_TRUE(ReadPair::fits(Atomics[0], Atomics[1]));
  EXPECT_TRUE(ReadPair::make(Atomics[0], Atomics[1]).read(1).isAtomic());
}

TEST(ReadPair, RefusesWhatItCannotHoldExactly) {
  AccessWord Read = readBy(1, 10);
  EXPECT_FALSE(ReadPair::fits(Read, readBy(1, 11)));          // one thread
  EXPECT_FALSE(ReadPair::fits(Read, readBy(64, 11)));         // thread 64
  EXPECT_FALSE(ReadPair::fits(Read, readBy(2, 1 << 20)));     // late clock
  EXPECT_FALSE(ReadPair::fits(Read, readBy(2, 11, 0x0f)));    // other bytes
  EXPECT_FALSE(ReadPair::fits(Read, readBy(2, 11, 0xff, true)));
  EXPECT_FALSE(ReadPair::fits(
      Read, AccessWord::make(AccessWord::epochBits(2, 11), 0xff, true, false)));
}

TEST(ReadPair, ConcurrentReadersShareTheWordAndAWriteRacesWithEach) {
  // A writer ordered after one reader's read races with the other's.
  for (unsigned Followed = 0; Followed < 2; ++Followed) {
    DetectorHarness H;
    ThreadState *Readers[2] = {H.spawn(*H.Main), H.spawn(*H.Main)};
    H.read(*Readers[0], &Shared[0], 8, 1);
    H.read(*Readers[1], &Shared[0], 8, 1);
    EXPECT_TRUE(ReadPair::is(H.wordOf(&Shared[0])));
    EXPECT_EQ(H.D.cellSetsInUse(), 0u);
    // Covered reads of either reader leave the word as it is.
    uint64_t Pair = H.wordOf(&Shared[0]);
    H.read(*Readers[0], &Shared[0], 4, 5);
    H.read(*Readers[1], &Shared[0], 8, 6);
    EXPECT_EQ(H.wordOf(&Shared[0]), Pair);
    ThreadState *Writer = H.spawn(*Readers[Followed]);
    H.write(*Writer, &Shared[0], 8, 3);
    ASSERT_EQ(H.races(), 1u);
    EXPECT_EQ(H.earlierLines(), (std::multiset<int>{1}));
    EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"],
              Readers[1 - Followed]->Id);
  }
}

TEST(ReadPair, AReaderInANewEpochReplacesItsOwnRead) {
  DetectorHarness H;
  long Flag;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.read(*A, &Shared[1], 8, 1);
  H.read(*B, &Shared[1], 8, 1);
  uint64_t Before = H.wordOf(&Shared[1]);
  H.D.release(*A, uintptr_t(&Flag));
  H.read(*A, &Shared[1], 8, 1);
  uint64_t After = H.wordOf(&Shared[1]);
  ASSERT_TRUE(ReadPair::is(After));
  EXPECT_NE(Before, After);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  // A's read is the one of its new epoch, B's is still there.
  EXPECT_TRUE(ReadPair::covers(
      After, AccessWord::make(A->EpochBits, 0xff, false, false).bits()));
  EXPECT_TRUE(ReadPair::covers(
      After, AccessWord::make(B->EpochBits, 0xff, false, false).bits()));
  EXPECT_FALSE(ReadPair::covers(
      Before, AccessWord::make(A->EpochBits, 0xff, false, false).bits()));
}

TEST(ReadPair, ReadsAtOtherPlacesTakeARecord) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.read(*A, &Shared[1], 8, 1);
  H.read(*B, &Shared[1], 8, 2);
  EXPECT_TRUE(pointsToCellSet(H.wordOf(&Shared[1])));
  H.write(*H.Main, &Shared[1], 8, 3);
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{1, 2}));
}

TEST(ReadPair, AWriteOrderedAfterBothStandsAlone) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.read(*A, &Shared[2], 8, 1);
  H.read(*B, &Shared[2], 8, 1);
  ASSERT_TRUE(ReadPair::is(H.wordOf(&Shared[2])));
  H.finishAndJoin(*H.Main, *A);
  H.finishAndJoin(*H.Main, *B);
  H.write(*H.Main, &Shared[2], 8, 3);
  EXPECT_EQ(H.races(), 0u);
  uint64_t Bits = H.wordOf(&Shared[2]);
  EXPECT_FALSE(Bits & AccessWord::CellSetTag);
  EXPECT_TRUE(AccessWord(Bits).isWrite());
}

TEST(ReadPair, AThirdReaderTakesARecord) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.read(*A, &Shared[3], 8, 1);
  H.read(*B, &Shared[3], 8, 1);
  H.read(*C, &Shared[3], 8, 1);
  EXPECT_TRUE(pointsToCellSet(H.wordOf(&Shared[3])));
  EXPECT_EQ(H.D.cellSetsInUse(), 1u);
  // Main is ordered after B's and C's reads, not after A's.
  H.finishAndJoin(*H.Main, *B);
  H.finishAndJoin(*H.Main, *C);
  H.read(*H.Main, &Shared[3], 8, 4);
  ThreadState *D = H.spawn(*H.Main);
  H.write(*D, &Shared[3], 8, 5);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{1}));
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"], A->Id);
}

TEST(ReadPair, HalvesReadInTurnBecomeAPair) {
  DetectorHarness H;
  alignas(8) static uint32_t Halves[2];
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.read(*A, &Halves[0], 8, 1);
  H.read(*B, &Halves[0], 4, 1);
  EXPECT_TRUE(pointsToCellSet(H.wordOf(&Halves[0])));
  H.read(*B, &Halves[1], 4, 1);
  EXPECT_TRUE(ReadPair::is(H.wordOf(&Halves[0])));
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  H.write(*H.spawn(*A), &Halves[1], 4, 3);
  H.write(*H.spawn(*B), &Halves[0], 4, 4);
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"], B->Id);
  EXPECT_EQ(H.Sink.Findings[1]["race"]["accesses"][1]["thread"], A->Id);
}

TEST(ReadPair, ReadsOfDifferentBytesTakeARecord) {
  DetectorHarness H;
  alignas(8) static long Cell;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.read(*A, &Cell, 8, 1);
  H.read(*B, &Cell, 4, 2);
  EXPECT_TRUE(pointsToCellSet(H.wordOf(&Cell)));
  H.write(*H.Main, reinterpret_cast<char *>(&Cell) + 4, 4, 3);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{1}));
}

TEST(ReadPair, FreeingTheBlockRacesWithEachReader) {
  for (unsigned Followed = 0; Followed < 2; ++Followed) {
    DetectorHarness H;
    alignas(16) static char Block[32];
    H.D.allocated(*H.Main, uintptr_t(Block), sizeof Block, H.line(1));
    ThreadState *Readers[2] = {H.spawn(*H.Main), H.spawn(*H.Main)};
    H.read(*Readers[0], &Block[8], 8, 2);
    H.read(*Readers[1], &Block[8], 8, 2);
    ASSERT_TRUE(ReadPair::is(H.wordOf(&Block[8])));
    ThreadState *Freer = H.spawn(*Readers[Followed]);
    H.D.freedBy(*Freer, uintptr_t(Block), sizeof Block, H.line(4));
    ASSERT_EQ(H.races(), 1u);
    EXPECT_EQ(H.earlierLines(), (std::multiset<int>{2}));
    EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"],
              Readers[1 - Followed]->Id);
  }
}

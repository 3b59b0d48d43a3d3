//===- HandoffPairTest.cpp - a write and the next thread's read in one word -===//
#include "DetectorHarness.h"

#include <gtest/gtest.h>

#include <set>

using namespace racegate;
using namespace racegate::test;

namespace {
alignas(8) long Data[8];
long Queue; // the sync object the data is handed over through

AccessWord accessBy(Tid T, Clock C, bool Write, uint8_t Mask = 0xff) {
  return AccessWord::make(AccessWord::epochBits(T, C), Mask, Write, false);
}

/// A producer that wrote \p P (line 1) and handed it to a consumer that
/// read it (line 2), both spawned from main.
struct Handover {
  explicit Handover(DetectorHarness &H, const void *P, size_t ReadSize = 8)
      : Producer(H.spawn(*H.Main)), Consumer(H.spawn(*H.Main)) {
    H.write(*Producer, P, 8, 1);
    H.D.release(*Producer, uintptr_t(&Queue));
    H.D.acquire(*Consumer, uintptr_t(&Queue));
    H.read(*Consumer, P, ReadSize, 2);
  }
  ThreadState *Producer, *Consumer;
};
} // namespace

TEST(HandoffPair, KeepsTheWriteAndTheReadExactly) {
  AccessWord Write = accessBy(63, (1 << 23) - 1, true);
  AccessWord Read = accessBy(5, 77, false, 0xf0);
  ASSERT_TRUE(HandoffPair::fits(Write, Read));
  HandoffPair Pair = HandoffPair::make(Write, Read);
  EXPECT_TRUE(HandoffPair::is(Pair.bits()));
  EXPECT_FALSE(AccessPair::is(Pair.bits()));
  EXPECT_FALSE(ReadPair::is(Pair.bits()));
  EXPECT_FALSE(pointsToCellSet(Pair.bits()));
  EXPECT_EQ(Pair.write().bits(), Write.bits());
  EXPECT_EQ(Pair.read().bits(), Read.bits());
  for (uint8_t Mask : {uint8_t(0x0f), uint8_t(0xff)})
    EXPECT_EQ(HandoffPair::make(Write, accessBy(5, 77, false, Mask))
                  .read()
                  .mask(),
              Mask);
}

TEST(HandoffPair, RefusesWhatItCannotHoldExactly) {
  AccessWord Write = accessBy(1, 10, true), Read = accessBy(2, 11, false);
  EXPECT_FALSE(HandoffPair::fits(Write, accessBy(1, 11, false))); // one thread
  EXPECT_FALSE(HandoffPair::fits(Write, accessBy(64, 11, false)));
  EXPECT_FALSE(HandoffPair::fits(Write, accessBy(2, 1 << 23, false)));
  EXPECT_FALSE(HandoffPair::fits(Write, accessBy(2, 11, false, 0x01)));
  EXPECT_FALSE(HandoffPair::fits(Write, accessBy(2, 11, false, 0x3c)));
  EXPECT_FALSE(HandoffPair::fits(accessBy(1, 10, true, 0x0f), Read));
  EXPECT_FALSE(HandoffPair::fits(accessBy(1, 10, false), Read));
  EXPECT_FALSE(HandoffPair::fits(Write, accessBy(2, 11, true)));
  EXPECT_FALSE(HandoffPair::fits(
      AccessWord::make(AccessWord::epochBits(1, 10), 0xff, true, true), Read));
  EXPECT_FALSE(HandoffPair::fits(
      AccessWord::fresh(AccessWord::epochBits(1, 10)), Read));
}

TEST(HandoffPair, AHandedOverReadTakesNoRecord) {
  DetectorHarness H;
  Handover Hand(H, &Data[0]);
  EXPECT_TRUE(HandoffPair::is(H.wordOf(&Data[0])));
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  EXPECT_EQ(H.races(), 0u);
  // The consumer's covered reads leave the word as it is.
  uint64_t Pair = H.wordOf(&Data[0]);
  H.read(*Hand.Consumer, &Data[0], 4, 3);
  EXPECT_EQ(H.wordOf(&Data[0]), Pair);
}

TEST(HandoffPair, AReaderNotOrderedAfterTheWriteRacesWithIt) {
  DetectorHarness H;
  ThreadState *Bystander = H.spawn(*H.Main);
  Handover Hand(H, &Data[1]);
  H.read(*Bystander, &Data[1], 8, 4);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{1}));
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"],
            Hand.Producer->Id);
}

TEST(HandoffPair, AWriteOrderedAfterTheWriteOnlyRacesWithTheRead) {
  DetectorHarness H;
  Handover Hand(H, &Data[2]);
  // Spawned by the producer after its write: ordered after it, not after
  // the consumer's read.
  ThreadState *Late = H.spawn(*Hand.Producer);
  H.write(*Late, &Data[2], 8, 5);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{2}));
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"],
            Hand.Consumer->Id);
}

TEST(HandoffPair, AWriteOrderedAfterBothStandsAlone) {
  DetectorHarness H;
  Handover Hand(H, &Data[3]);
  H.write(*Hand.Consumer, &Data[3], 8, 6);
  EXPECT_EQ(H.races(), 0u);
  uint64_t Bits = H.wordOf(&Data[3]);
  EXPECT_FALSE(Bits & AccessWord::CellSetTag);
  EXPECT_TRUE(AccessWord(Bits).isWrite());
  EXPECT_EQ(AccessWord(Bits).tid(), Hand.Consumer->Id);
}

TEST(HandoffPair, TheConsumerInANewEpochKeepsOneWord) {
  DetectorHarness H;
  Handover Hand(H, &Data[4]);
  uint64_t Before = H.wordOf(&Data[4]);
  H.D.release(*Hand.Consumer, uintptr_t(&Queue));
  H.read(*Hand.Consumer, &Data[4], 8, 2);
  uint64_t After = H.wordOf(&Data[4]);
  ASSERT_TRUE(HandoffPair::is(After));
  EXPECT_NE(Before, After);
  EXPECT_EQ(HandoffPair(After).read().clock(), Hand.Consumer->Clock_.get(
                                                   Hand.Consumer->Id));
  EXPECT_EQ(HandoffPair(After).write().bits(), HandoffPair(Before).write().bits());
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  // The write is still there to race with.
  H.read(*H.spawn(*H.Main), &Data[4], 8, 7);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{1}));
}

TEST(HandoffPair, HalvesReadInTurnMerge) {
  DetectorHarness H;
  auto *Halves = reinterpret_cast<uint32_t *>(&Data[5]);
  Handover Hand(H, Halves, 4);
  ASSERT_TRUE(HandoffPair::is(H.wordOf(Halves)));
  EXPECT_EQ(HandoffPair(H.wordOf(Halves)).read().mask(), 0x0f);
  H.read(*Hand.Consumer, &Halves[1], 4, 2);
  ASSERT_TRUE(HandoffPair::is(H.wordOf(Halves)));
  EXPECT_EQ(HandoffPair(H.wordOf(Halves)).read().mask(), 0xff);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
}

TEST(HandoffPair, AConcurrentSecondReaderTakesARecord) {
  DetectorHarness H;
  ThreadState *Producer = H.spawn(*H.Main);
  H.write(*Producer, &Data[6], 8, 1);
  H.D.release(*Producer, uintptr_t(&Queue));
  ThreadState *Readers[2] = {H.spawn(*H.Main), H.spawn(*H.Main)};
  for (unsigned I = 0; I < 2; ++I) {
    H.D.acquire(*Readers[I], uintptr_t(&Queue));
    H.read(*Readers[I], &Data[6], 8, 2 + I);
  }
  EXPECT_TRUE(pointsToCellSet(H.wordOf(&Data[6])));
  EXPECT_EQ(H.races(), 0u);
  // A write after the producer's but after neither read races with both
  // (read at two lines: races of one pair of lines are reported once).
  H.write(*H.spawn(*Producer), &Data[6], 8, 5);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{2, 3}));
}

TEST(HandoffPair, FreeingTheBlockChecksBoth) {
  DetectorHarness H;
  alignas(16) static char Block[32];
  ThreadState *Producer = H.spawn(*H.Main);
  H.D.allocated(*Producer, uintptr_t(Block), sizeof Block, H.line(8));
  H.write(*Producer, &Block[8], 8, 1);
  H.D.release(*Producer, uintptr_t(&Queue));
  ThreadState *Consumer = H.spawn(*H.Main);
  H.D.acquire(*Consumer, uintptr_t(&Queue));
  H.read(*Consumer, &Block[8], 8, 2);
  ASSERT_TRUE(HandoffPair::is(H.wordOf(&Block[8])));
  // Freed by a thread the producer spawned: ordered after the write only.
  H.D.freedBy(*H.spawn(*Producer), uintptr_t(Block), sizeof Block, H.line(9));
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.earlierLines(), (std::multiset<int>{2}));
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
}

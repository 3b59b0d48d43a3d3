//===- HappensBeforeFrontierTest.cpp - accesses every thread has seen -----===//
#include "DetectorHarness.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {
constexpr size_t Words = 64;
}

TEST(HappensBeforeFrontier, DataFilledBeforeTheWorkersStartTakesNoRecord) {
  DetectorHarness H;
  static long Table[Words];
  for (long &W : Table)
    H.write(*H.Main, &W, sizeof W, 1);
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  for (long &W : Table)
    H.read(*A, &W, sizeof W, 2);
  // Each read stands alone: main's write can race with nothing any more.
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  // The two readers still need both reads: a later write races with each.
  // Both fit the granule's word.
  for (long &W : Table)
    H.read(*B, &W, sizeof W, 2);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  EXPECT_TRUE(ReadPair::is(
      H.D.shadow().word(reinterpret_cast<uintptr_t>(&Table[0])).load()));
  // A writer that follows one reader races with the other one.
  H.write(*H.spawn(*A), &Table[0], sizeof Table[0], 4);
  H.write(*H.spawn(*B), &Table[1], sizeof Table[1], 5);
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][1]["thread"], B->Id);
  EXPECT_EQ(H.Sink.Findings[1]["race"]["accesses"][1]["thread"], A->Id);
}

TEST(HappensBeforeFrontier, AThreadThatHasNotSeenAWriteKeepsItRemembered) {
  DetectorHarness H;
  long X = 0;
  // Started before the write: nothing orders the write before it.
  ThreadState *Early = H.spawn(*H.Main);
  H.write(*H.Main, &X, sizeof X, 1);
  ThreadState *Late = H.spawn(*H.Main);
  H.read(*Late, &X, sizeof X, 2);
  EXPECT_EQ(H.races(), 0u);
  H.read(*Early, &X, sizeof X, 3);
  EXPECT_EQ(H.races(), 1u);
}

TEST(HappensBeforeFrontier, AThreadThatEndedNoLongerHoldsItBack) {
  DetectorHarness H;
  long X = 0;
  ThreadState *Early = H.spawn(*H.Main);
  H.write(*H.Main, &X, sizeof X, 1);
  H.finishAndJoin(*H.Main, *Early);
  ThreadState *Late = H.spawn(*H.Main);
  H.read(*Late, &X, sizeof X, 2);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  EXPECT_EQ(H.races(), 0u);
}

TEST(HappensBeforeFrontier, WhatAllThreadsSynchronizedAfterIsForgotten) {
  DetectorHarness H;
  static long Grid[Words];
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  for (long &W : Grid)
    H.write(*A, &W, sizeof W, 1);
  // A barrier: every thread releases into it, then acquires all of it.
  long Barrier = 0;
  auto Sync = reinterpret_cast<uintptr_t>(&Barrier);
  for (ThreadState *T : {H.Main, A, B})
    H.D.release(*T, Sync);
  for (ThreadState *T : {H.Main, A, B}) {
    H.D.waitBegins(*T, WaitKind::Barrier, Sync, 0, false);
    H.D.acquire(*T, Sync);
    H.D.waitEnds(*T);
  }
  // The main thread waits (a join, say): its row is exact, and the
  // frontier is recomputed with everyone past the barrier.
  H.D.waitBegins(*H.Main, WaitKind::Join, 0, 0, false);
  for (long &W : Grid)
    H.read(*B, &W, sizeof W, 2);
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
  EXPECT_EQ(H.races(), 0u);
}

//===- AccessHistoryTest.cpp - the stack of an earlier access, replayed ---===//
#include "AccessHistory.h"
#include "DetectorHarness.h"
#include "ShadowStack.h"

#include <gtest/gtest.h>

#include <vector>

using namespace racegate;
using namespace racegate::test;

namespace {

alignas(8) long Shared[64];

/// A shadow stack with its history, driven by hand.
struct Recorder {
  StackDepot Depot;
  ShadowStack Stack;
  Recorder() { Stack.startHistory(Depot); }
  void context(Clock Epoch, uint32_t Lockset = 0) {
    Stack.history().noteContext(Epoch, Lockset,
                                [&] { return Stack.snapshot(); });
  }
  void access(SiteId Site, uintptr_t Addr, uint64_t Granules = 1) {
    Stack.history().noteAccess(Site, Addr, Granules,
                               [&] { return Stack.snapshot(); });
  }
  /// The locks held at the access found last.
  uint32_t Lockset = 0;
  /// The call sites of the stack found, innermost first; {-1} if none.
  std::vector<SiteId> found(Clock Epoch, SiteId Site, uintptr_t Addr) {
    StackId Id = 0;
    Lockset = ~uint32_t(0);
    if (!Stack.history().find(Epoch, Site, Addr, Depot, Id, Lockset))
      return {~SiteId(0)};
    return Depot.callSites(Id);
  }
};

std::vector<int> callerLines(const nlohmann::json &Frames) {
  std::vector<int> Lines;
  for (size_t I = 1; I < Frames.size(); ++I)
    Lines.push_back(Frames[I]["line"].get<int>());
  return Lines;
}

} // namespace

TEST(AccessHistory, ReplaysTheStackOfAnAccess) {
  Recorder R;
  R.Stack.push(100);
  R.Stack.push(101);
  R.context(5);
  R.access(7, 0x1000);
  R.Stack.pop();
  R.Stack.push(102);
  R.access(8, 0x2000);
  EXPECT_EQ(R.found(5, 7, 0x1000), (std::vector<SiteId>{101, 100}));
  EXPECT_EQ(R.found(5, 8, 0x2000), (std::vector<SiteId>{102, 100}));
  // Another site, granule or epoch is not that access.
  EXPECT_EQ(R.found(5, 9, 0x1000), std::vector<SiteId>{~SiteId(0)});
  EXPECT_EQ(R.found(5, 7, 0x1008), std::vector<SiteId>{~SiteId(0)});
  EXPECT_EQ(R.found(6, 7, 0x1000), std::vector<SiteId>{~SiteId(0)});
}

TEST(AccessHistory, TheLocksHeldAreFoundWithTheStack) {
  Recorder R;
  R.Stack.push(100);
  R.context(3, /*Lockset=*/42);
  R.access(7, 0x1000);
  R.context(3, /*Lockset=*/0);
  R.access(7, 0x1008);
  EXPECT_EQ(R.found(3, 7, 0x1000), std::vector<SiteId>{100});
  EXPECT_EQ(R.Lockset, 42u);
  EXPECT_EQ(R.found(3, 7, 0x1008), std::vector<SiteId>{100});
  EXPECT_EQ(R.Lockset, 0u);
}

TEST(AccessHistory, AStackAndItsContextCarryAcrossParts) {
  Recorder R;
  R.Stack.push(100);
  R.context(2, 9);
  // Calls and returns fill several parts; each starts from a snapshot.
  for (uint64_t I = 0; I < 3 * AccessHistory::PartEvents; ++I) {
    R.Stack.push(200);
    R.Stack.pop();
  }
  R.Stack.push(101);
  R.access(7, 0x1000);
  EXPECT_EQ(R.found(2, 7, 0x1000), (std::vector<SiteId>{101, 100}));
  EXPECT_EQ(R.Lockset, 9u);
}

TEST(AccessHistory, ARangeIsOneAccessEvenAtTheEndOfAPart) {
  Recorder R;
  R.context(1);
  // The restart of the new stack and the epoch took two events; leave one
  // free in the first part.
  for (uint64_t I = 0; I < AccessHistory::PartEvents - 3; ++I)
    R.Stack.push(300);
  R.access(7, 0x4000, /*Granules=*/16);
  EXPECT_EQ(R.found(1, 7, 0x4000 + 15 * 8).size(),
            AccessHistory::PartEvents - 3);
  EXPECT_EQ(R.found(1, 7, 0x4000 + 16 * 8), std::vector<SiteId>{~SiteId(0)});
  EXPECT_EQ(R.found(1, 7, 0x4000 - 8), std::vector<SiteId>{~SiteId(0)});
}

TEST(AccessHistory, FramesCutByALongjmpAreGone) {
  Recorder R;
  uintptr_t Low = 0x10000, High = 0x20000;
  R.Stack.push(100, 0, 0x1f000);
  R.Stack.push(101, 0, 0x1e000);
  R.Stack.push(102, 0, 0x1d000);
  // Back in the outermost function's frame, below its caller's.
  R.Stack.dropFramesBelow(0x1e800, /*Inclusive=*/true, Low, High);
  R.context(4);
  R.access(7, 0x1000);
  EXPECT_EQ(R.found(4, 7, 0x1000), std::vector<SiteId>{100});
}

TEST(AccessHistory, AnAccessOlderThanTheRingIsNotFound) {
  Recorder R;
  R.Stack.push(100);
  R.context(1);
  R.access(7, 0x1000);
  for (uint64_t I = 0; I < R.Stack.history().events(); ++I) {
    R.Stack.push(200);
    R.Stack.pop();
  }
  EXPECT_EQ(R.found(1, 7, 0x1000), std::vector<SiteId>{~SiteId(0)});
  // What is still in the ring is found.
  R.access(7, 0x1000);
  EXPECT_EQ(R.found(1, 7, 0x1000), std::vector<SiteId>{100});
}

TEST(AccessHistory, ANewThreadInTheSlotStartsFromAnEmptyStack) {
  Recorder R;
  R.Stack.push(100);
  R.context(1, 5);
  R.Stack.restart();
  R.context(2, 0);
  R.access(7, 0x1000);
  EXPECT_EQ(R.found(2, 7, 0x1000), std::vector<SiteId>{});
}

// The same, through the detector: the report of a race names the stack
// the earlier access had, replayed from its thread's history.

TEST(AccessHistory, TheReportNamesTheStackOfTheRememberedAccess) {
  DetectorHarness H;
  long Mutex = 0;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  // Two writes at one site from two stacks in one epoch: the first is the
  // one the shadow keeps (the second is covered by it).
  A->Stack.push(H.line(20));
  H.write(*A, &Shared[0], 8, 1);
  A->Stack.pop();
  A->Stack.push(H.line(21));
  H.write(*A, &Shared[0], 8, 1);
  A->Stack.pop();
  H.write(*B, &Shared[0], 8, 2);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(callerLines(H.Sink.Findings[0]["stacks"][1]["frames"]),
            std::vector<int>{20});

  // In a later epoch the same site from another stack replaces it.
  H.D.mutexLocked(*A, uintptr_t(&Mutex), H.line(10));
  H.D.mutexUnlocked(*A, uintptr_t(&Mutex));
  A->Stack.push(H.line(22));
  A->Stack.push(H.line(23));
  H.write(*A, &Shared[1], 8, 3);
  A->Stack.pop();
  A->Stack.pop();
  A->Stack.push(H.line(24));
  H.D.mutexLocked(*A, uintptr_t(&Mutex), H.line(11));
  H.D.mutexUnlocked(*A, uintptr_t(&Mutex));
  H.write(*A, &Shared[1], 8, 3);
  A->Stack.pop();
  H.write(*B, &Shared[1], 8, 4);
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(callerLines(H.Sink.Findings[1]["stacks"][1]["frames"]),
            std::vector<int>{24});
}

TEST(AccessHistory, ARangeAndAnAllocationAreFoundByAnyGranule) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  A->Stack.push(H.line(25));
  H.D.accessRange(*A, uintptr_t(&Shared[8]), 16 * 8, /*Write=*/true, H.line(5));
  A->Stack.pop();
  alignas(8) static long Block[32];
  A->Stack.push(H.line(26));
  H.D.allocated(*A, uintptr_t(Block), sizeof(Block), H.line(6));
  A->Stack.pop();
  H.read(*B, &Shared[20], 8, 7);
  H.read(*B, &Block[17], 8, 8);
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"][0]["line"], 5);
  EXPECT_EQ(callerLines(H.Sink.Findings[0]["stacks"][1]["frames"]),
            std::vector<int>{25});
  EXPECT_EQ(H.Sink.Findings[1]["stacks"][1]["frames"][0]["line"], 6);
  EXPECT_EQ(callerLines(H.Sink.Findings[1]["stacks"][1]["frames"]),
            std::vector<int>{26});
}

TEST(AccessHistory, AThreadThatEndedKeepsItsHistory) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  A->Stack.push(H.line(27));
  A->Stack.push(H.line(28));
  H.write(*A, &Shared[30], 8, 9);
  H.D.threadFinished(*A);
  H.write(*B, &Shared[30], 8, 10);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(callerLines(H.Sink.Findings[0]["stacks"][1]["frames"]),
            (std::vector<int>{28, 27}));
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["description"],
            "previous write of size 8");
}

TEST(AccessHistory, AnAccessTooOldForTheHistoryStillNamesItsOwnFrame) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  A->Stack.push(H.line(29));
  H.write(*A, &Shared[40], 8, 11);
  for (uint64_t I = 0; I < A->Stack.history().events(); ++I) {
    A->Stack.push(H.line(30));
    A->Stack.pop();
  }
  H.write(*B, &Shared[40], 8, 12);
  ASSERT_EQ(H.races(), 1u);
  auto Before = H.Sink.Findings[0]["stacks"][1]["frames"];
  ASSERT_EQ(Before.size(), 1u);
  EXPECT_EQ(Before[0]["line"], 11);
  EXPECT_NE(
      H.Sink.Findings[0]["stacks"][1]["description"].get<std::string>().find(
          "older than the history"),
      std::string::npos);
}

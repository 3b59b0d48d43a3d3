//===- LivenessTest.cpp - the watchdog's verdicts, on a fake clock --------===//
#include "DetectorHarness.h"
#include "racegate/RuntimeAbi.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {
uint64_t FakeNow = 0;
uint64_t fakeClock() { return FakeNow; }
constexpr uint64_t Second = 1000000000;

struct LivenessTest : ::testing::Test {
  LivenessTest() {
    FakeNow = 10 * Second;
    H.D.Now = fakeClock;
  }
  Detector::Verdict scanAfter(uint64_t Ns) {
    FakeNow += Ns;
    return H.D.scanLiveness({});
  }
  std::string lastKind() const {
    return H.Sink.Findings.empty() ? "" : H.Sink.Findings.back()["kind"];
  }
  DetectorHarness H;
};
} // namespace

TEST_F(LivenessTest, JoiningAnEndedThreadIsNoStall) {
  ThreadState *Child = H.spawn(*H.Main);
  H.D.threadFinished(*Child);
  H.D.waitBegins(*H.Main, WaitKind::Join, 0, H.line(1), false, 0, Child->Id);
  EXPECT_EQ(scanAfter(5 * Second), Detector::Verdict::Continue);
  EXPECT_EQ(H.races(), 0u);
}

TEST_F(LivenessTest, EveryoneWaitingForeverIsAStall) {
  long Cond = 0;
  ThreadState *Child = H.spawn(*H.Main);
  H.D.condWaitBegins(*Child, uintptr_t(&Cond), 0, H.line(2), false);
  H.D.waitBegins(*H.Main, WaitKind::Join, 0, H.line(1), false, 0, Child->Id);
  EXPECT_EQ(scanAfter(Second / 10), Detector::Verdict::Continue);
  EXPECT_EQ(scanAfter(Second), Detector::Verdict::Terminate);
  EXPECT_EQ(lastKind(), "stall");
}

TEST_F(LivenessTest, TimedWaitsNeverStall) {
  long Cond = 0;
  ThreadState *Child = H.spawn(*H.Main);
  H.D.condWaitBegins(*Child, uintptr_t(&Cond), 0, H.line(2), /*Timed=*/true);
  H.D.waitBegins(*H.Main, WaitKind::Join, 0, H.line(1), false, 0, Child->Id);
  EXPECT_EQ(scanAfter(10 * Second), Detector::Verdict::Continue);
}

TEST_F(LivenessTest, LockCycleIsADeadlock) {
  long A = 0, B = 0;
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  H.D.mutexLocked(*T1, uintptr_t(&A), H.line(3));
  H.D.mutexLocked(*T2, uintptr_t(&B), H.line(4));
  H.D.lockBlocked(*T1, uintptr_t(&B), H.line(5), true, false);
  H.D.lockBlocked(*T2, uintptr_t(&A), H.line(6), true, false);
  EXPECT_EQ(scanAfter(Second), Detector::Verdict::Terminate);
  ASSERT_EQ(lastKind(), "deadlock");
  EXPECT_EQ(H.Sink.Findings.back()["deadlock"]["threads"].size(), 2u);
}

TEST_F(LivenessTest, LongLockWaitWhileOthersTakeItIsStarvation) {
  long M = 0;
  ThreadState *Victim = H.spawn(*H.Main), *Greedy = H.spawn(*H.Main);
  H.D.mutexLocked(*Greedy, uintptr_t(&M), H.line(7));
  H.D.lockBlocked(*Victim, uintptr_t(&M), H.line(8), true, false);
  for (int I = 0; I < 8; ++I) {
    H.D.mutexUnlocked(*Greedy, uintptr_t(&M));
    H.D.mutexLocked(*Greedy, uintptr_t(&M), H.line(7));
  }
  EXPECT_EQ(scanAfter(2 * Second), Detector::Verdict::Continue);
  ASSERT_EQ(lastKind(), "starvation");
  EXPECT_EQ(H.Sink.Findings.back()["starvation"]["acquisitions_meanwhile"], 8);
}

TEST_F(LivenessTest, StarvationTotalIsTheSumOfItsPerThreadCounts) {
  long M = 0;
  ThreadState *Victim = H.spawn(*H.Main), *First = H.spawn(*H.Main),
              *Later = H.spawn(*H.Main);
  // Taken before the wait began: not part of the evidence.
  for (int I = 0; I < 5; ++I) {
    H.D.mutexLocked(*First, uintptr_t(&M), H.line(7));
    H.D.mutexUnlocked(*First, uintptr_t(&M));
  }
  H.D.mutexLocked(*Later, uintptr_t(&M), H.line(7));
  H.D.lockBlocked(*Victim, uintptr_t(&M), H.line(8), true, false);
  H.D.mutexUnlocked(*Later, uintptr_t(&M));
  for (int I = 0; I < 6; ++I) {
    H.D.mutexLocked(*First, uintptr_t(&M), H.line(7));
    H.D.mutexUnlocked(*First, uintptr_t(&M));
  }
  for (int I = 0; I < 3; ++I) {
    H.D.mutexLocked(*Later, uintptr_t(&M), H.line(7));
    H.D.mutexUnlocked(*Later, uintptr_t(&M));
  }
  EXPECT_EQ(scanAfter(2 * Second), Detector::Verdict::Continue);
  ASSERT_EQ(lastKind(), "starvation");
  const auto &Starvation = H.Sink.Findings.back()["starvation"];
  EXPECT_EQ(Starvation["acquisitions_meanwhile"], 9);
  uint64_t Sum = 0;
  for (const auto &Entry : Starvation["acquisitions_by_thread"]) {
    Sum += Entry["count"].get<uint64_t>();
    if (Entry["thread"] == First->Id)
      EXPECT_EQ(Entry["count"], 6);
    else
      EXPECT_EQ(Entry["count"], 3);
  }
  EXPECT_EQ(Sum, 9u);
  // The message says the same total.
  std::string Description = H.Sink.Findings.back()["stacks"][0]["description"];
  EXPECT_NE(Description.find("took it 9 times"), std::string::npos)
      << Description;
}

TEST_F(LivenessTest, OneAcquisitionDuringALongWaitIsNotStarvation) {
  long M = 0;
  ThreadState *Waiter = H.spawn(*H.Main), *Other = H.spawn(*H.Main);
  H.D.mutexLocked(*Other, uintptr_t(&M), H.line(7));
  H.D.lockBlocked(*Waiter, uintptr_t(&M), H.line(8), true, false);
  H.D.mutexUnlocked(*Other, uintptr_t(&M));
  H.D.mutexLocked(*Other, uintptr_t(&M), H.line(7));
  EXPECT_EQ(scanAfter(3 * Second), Detector::Verdict::Continue);
  EXPECT_TRUE(H.Sink.Findings.empty());
}

TEST_F(LivenessTest, AThreadOwningTheLockItWaitsForIsNoDeadlock) {
  long M = 0;
  ThreadState *T = H.spawn(*H.Main);
  // It got the lock, but has not yet been scheduled to end its wait: the
  // watchdog sees the lock owned by the thread it has recorded waiting.
  H.D.mutexLocked(*T, uintptr_t(&M), H.line(8));
  H.D.lockBlocked(*T, uintptr_t(&M), H.line(8), true, false);
  EXPECT_EQ(scanAfter(Second), Detector::Verdict::Continue);
  for (const auto &Finding : H.Sink.Findings)
    EXPECT_NE(Finding["kind"], "deadlock");
}

TEST_F(LivenessTest, APendingTimerMayStillWakeThem) {
  long Sem = 0;
  H.D.timerArmed(FakeNow + 3 * Second);
  H.D.waitBegins(*H.Main, WaitKind::Semaphore, uintptr_t(&Sem), H.line(1),
                 false);
  EXPECT_EQ(scanAfter(Second), Detector::Verdict::Continue);
  EXPECT_EQ(scanAfter(3 * Second), Detector::Verdict::Terminate);
  EXPECT_EQ(lastKind(), "stall");
}

TEST_F(LivenessTest, StalledLatchSaysHowManyCountDownsItExpects) {
  alignas(8) int64_t Latch = 2; // std::latch keeps its count first
  H.Main->PendingPrimitive = racegate::abi::PrimitiveLatch;
  H.Main->PendingPrimitiveObject = uintptr_t(&Latch);
  H.D.waitBegins(*H.Main, WaitKind::Futex, uintptr_t(&Latch), H.line(1),
                 false);
  EXPECT_EQ(scanAfter(Second), Detector::Verdict::Terminate);
  ASSERT_EQ(lastKind(), "stall");
  auto Latches = H.Sink.Findings.back()["stall"]["latches"];
  ASSERT_EQ(Latches.size(), 1u);
  EXPECT_EQ(Latches[0]["remaining"], 2);
}

TEST_F(LivenessTest, WaitingForAFreeLockIsNoStall) {
  // The lock was released and its waiter not yet scheduled: on a loaded
  // machine that can last longer than any settle time.
  long Lock = 0;
  ThreadState *Child = H.spawn(*H.Main);
  H.D.mutexLocked(*Child, uintptr_t(&Lock), H.line(3));
  H.D.mutexUnlocked(*Child, uintptr_t(&Lock));
  H.D.lockBlocked(*Child, uintptr_t(&Lock), H.line(4), true, false);
  H.D.waitBegins(*H.Main, WaitKind::Join, 0, H.line(1), false, 0, Child->Id);
  EXPECT_EQ(scanAfter(10 * Second), Detector::Verdict::Continue);
  EXPECT_EQ(H.Sink.Findings.size(), 0u);
}

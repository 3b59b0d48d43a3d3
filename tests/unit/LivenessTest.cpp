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
  for (int I = 0; I < 3; ++I) {
    H.D.mutexUnlocked(*Greedy, uintptr_t(&M));
    H.D.mutexLocked(*Greedy, uintptr_t(&M), H.line(7));
  }
  EXPECT_EQ(scanAfter(2 * Second), Detector::Verdict::Continue);
  ASSERT_EQ(lastKind(), "starvation");
  EXPECT_EQ(H.Sink.Findings.back()["starvation"]["acquisitions_meanwhile"], 3);
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

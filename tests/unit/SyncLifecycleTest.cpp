//===- SyncLifecycleTest.cpp - objects used dead, destroyed or reset busy -===//
#include "DetectorHarness.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {
using Health = Detector::SyncHealth;

struct SyncLifecycleTest : ::testing::Test {
  std::string lastKind() const {
    return H.Sink.Findings.empty() ? "" : H.Sink.Findings.back()["kind"];
  }
  uintptr_t at(const long &Object) { return uintptr_t(&Object); }
  DetectorHarness H;
  long M = 0, C = 0, B = 0, S = 0, Mutex = 0;
};
} // namespace

TEST_F(SyncLifecycleTest, UsingADestroyedLockSaysWhereItWasDestroyed) {
  ThreadState *T = H.spawn(*H.Main);
  H.D.lockDestroyed(*H.Main, at(M), H.line(1));
  EXPECT_TRUE(H.D.deadSyncUsed(*T, at(M), H.line(2), "pthread_mutex_lock",
                               Health::Destroyed));
  ASSERT_EQ(lastKind(), "lock_destroyed");
  const nlohmann::json &F = H.Sink.Findings.back();
  EXPECT_EQ(F["misuse"]["call"], "pthread_mutex_lock");
  EXPECT_EQ(F["misuse"]["state"], "destroyed");
  ASSERT_EQ(F["stacks"].size(), 2u);
  EXPECT_EQ(F["stacks"][1]["thread"], H.Main->Id);
  EXPECT_EQ(F["stacks"][1]["frames"][0]["line"], 1);
}

TEST_F(SyncLifecycleTest, ALiveObjectWhereOneWasDestroyedIsNoFinding) {
  H.D.syncDestroyed(*H.Main, at(M), H.line(1));
  EXPECT_FALSE(H.D.deadSyncUsed(*H.Main, at(M), H.line(2),
                                "pthread_mutex_lock", Health::Live));
  EXPECT_TRUE(H.Sink.Findings.empty());
}

TEST_F(SyncLifecycleTest, ANeverInitializedObjectIsReportedAsSuch) {
  EXPECT_TRUE(H.D.deadSyncUsed(*H.Main, at(M), H.line(2),
                               "pthread_rwlock_rdlock", Health::Uninitialized));
  ASSERT_EQ(lastKind(), "lock_destroyed");
  EXPECT_EQ(H.Sink.Findings.back()["misuse"]["state"], "uninitialized");
  EXPECT_EQ(H.Sink.Findings.back()["stacks"].size(), 1u);
}

TEST_F(SyncLifecycleTest, DestroyingACondVarWithAnUnwokenWaiterIsBusy) {
  ThreadState *T = H.spawn(*H.Main);
  H.D.condWaitBegins(*T, at(C), at(Mutex), H.line(1), false);
  EXPECT_TRUE(H.D.condDestroyedBusy(*H.Main, at(C), H.line(2)));
  EXPECT_EQ(lastKind(), "condvar_destroy_busy");
  EXPECT_EQ(H.Sink.Findings.back()["misuse"]["waiters"], 1);
}

TEST_F(SyncLifecycleTest, DestroyingACondVarRightAfterABroadcastIsAllowed) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  H.D.condWaitBegins(*T1, at(C), at(Mutex), H.line(1), false);
  H.D.condWaitBegins(*T2, at(C), at(Mutex), H.line(1), false);
  H.D.condNotified(*H.Main, at(C), H.line(3), /*All=*/true);
  EXPECT_FALSE(H.D.condDestroyedBusy(*H.Main, at(C), H.line(2)));
  for (const nlohmann::json &F : H.Sink.Findings)
    EXPECT_NE(F["kind"], "condvar_destroy_busy");
}

TEST_F(SyncLifecycleTest, ASignalWakesOnlyOneOfTwoWaiters) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  H.D.condWaitBegins(*T1, at(C), at(Mutex), H.line(1), false);
  H.D.condWaitBegins(*T2, at(C), at(Mutex), H.line(1), false);
  H.D.condNotified(*H.Main, at(C), H.line(3));
  EXPECT_TRUE(H.D.condDestroyedBusy(*H.Main, at(C), H.line(2)));
}

TEST_F(SyncLifecycleTest, ABarrierWithAWaiterMustNotBeDestroyedOrReset) {
  ThreadState *T = H.spawn(*H.Main);
  H.D.barrierInitialized(at(B), 2);
  H.D.barrierArrives(*T, at(B));
  EXPECT_TRUE(H.D.barrierBusy(*H.Main, at(B), H.line(1),
                              "pthread_barrier_destroy"));
  EXPECT_TRUE(H.D.barrierBusy(*H.Main, at(B), H.line(2),
                              "pthread_barrier_init"));
  EXPECT_EQ(H.Sink.Findings.size(), 2u);
  EXPECT_EQ(lastKind(), "barrier_misuse");
}

TEST_F(SyncLifecycleTest, ABarrierWhoseRoundCompletedIsFree) {
  ThreadState *T = H.spawn(*H.Main);
  H.D.barrierInitialized(at(B), 2);
  H.D.barrierArrives(*T, at(B));
  H.D.barrierArrives(*H.Main, at(B));
  // T may still be on its way out of the wait: that is allowed.
  EXPECT_FALSE(H.D.barrierBusy(*H.Main, at(B), H.line(1),
                               "pthread_barrier_destroy"));
  EXPECT_TRUE(H.Sink.Findings.empty());
}

TEST_F(SyncLifecycleTest, InitializingASemaphoreSomeoneWaitsOnIsReinit) {
  ThreadState *T = H.spawn(*H.Main);
  H.D.semaphoreInitialized(*H.Main, at(S), 0, H.line(1));
  EXPECT_TRUE(H.Sink.Findings.empty());
  H.D.waitBegins(*T, WaitKind::Semaphore, at(S), H.line(2), false);
  H.D.semaphoreInitialized(*H.Main, at(S), 0, H.line(3));
  EXPECT_EQ(lastKind(), "sync_reinit");
  EXPECT_EQ(H.Sink.Findings.back()["misuse"]["call"], "sem_init");
  H.D.waitEnds(*T);
}

TEST_F(SyncLifecycleTest, InitializingACondVarSomeoneWaitsOnIsReinit) {
  ThreadState *T = H.spawn(*H.Main);
  H.D.condWaitBegins(*T, at(C), at(Mutex), H.line(1), false);
  H.D.condInitialized(*H.Main, at(C), H.line(2));
  EXPECT_EQ(lastKind(), "sync_reinit");
}

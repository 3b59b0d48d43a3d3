//===- LockOrderTest.cpp - inversions and violations, from lock events ----===//
#include "DetectorHarness.h"
#include "JsonWriter.h"
#include "racegate/RuntimeAbi.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {
struct LockOrderTest : ::testing::Test {
  void lock(ThreadState &T, const long &L, unsigned Line, bool Exclusive = true) {
    H.D.lockRequested(T, uintptr_t(&L), H.line(Line), Exclusive,
                      Detector::Relock::Hangs, /*IsTry=*/false);
    H.D.mutexLocked(T, uintptr_t(&L), H.line(Line), Exclusive);
  }
  void unlock(ThreadState &T, const long &L) {
    H.D.mutexUnlocked(T, uintptr_t(&L), 0);
  }
  /// Locks \p First then \p Second and unlocks both.
  void nest(ThreadState &T, const long &First, const long &Second,
            unsigned Line, bool Exclusive = true) {
    lock(T, First, Line, Exclusive);
    lock(T, Second, Line + 1, Exclusive);
    unlock(T, Second);
    unlock(T, First);
  }
  void atomicOp(ThreadState &T, const long &Word, uint32_t Flags) {
    H.D.atomicBegin(T, uintptr_t(&Word), Flags);
    H.D.atomicEnd(T, uintptr_t(&Word), 8, Flags, H.line(20));
  }
  std::vector<nlohmann::json> ofKind(const std::string &Kind) const {
    std::vector<nlohmann::json> Out;
    for (const nlohmann::json &F : H.Sink.Findings)
      if (F["kind"] == Kind)
        Out.push_back(F);
    return Out;
  }
  std::string onlyKind() const {
    EXPECT_EQ(H.Sink.Findings.size(), 1u);
    return H.Sink.Findings.empty() ? "" : H.Sink.Findings[0]["kind"];
  }
  std::string reason() const {
    auto V = ofKind("lock_order_violation");
    return V.empty() ? "" : V[0]["violation"]["reason"];
  }
  DetectorHarness H;
  long A = 0, B = 0, G = 0, Word = 0;
};
} // namespace

TEST_F(LockOrderTest, ConcurrentOppositeOrdersAreAnInversion) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  nest(*T1, A, B, 1);
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_inversion");
}

TEST_F(LockOrderTest, OneThreadTakingBothOrdersIsAViolation) {
  nest(*H.Main, A, B, 1);
  nest(*H.Main, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_violation");
  EXPECT_EQ(reason(), "single_thread");
}

TEST_F(LockOrderTest, ACommonGateLockMakesItAViolationNamingTheGate) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  lock(*T1, G, 5);
  nest(*T1, A, B, 1);
  unlock(*T1, G);
  lock(*T2, G, 6);
  nest(*T2, B, A, 3);
  unlock(*T2, G);
  EXPECT_EQ(onlyKind(), "lock_order_violation");
  EXPECT_EQ(reason(), "gate_lock");
  EXPECT_EQ(ofKind("lock_order_violation")[0]["violation"]["gate"],
            hexAddress(uintptr_t(&G)));
}

TEST_F(LockOrderTest, SectionsOrderedByAJoinAreAViolation) {
  ThreadState *T1 = H.spawn(*H.Main);
  nest(*T1, A, B, 1);
  H.finishAndJoin(*H.Main, *T1);
  ThreadState *T2 = H.spawn(*H.Main);
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_violation");
  EXPECT_EQ(reason(), "ordered");
}

TEST_F(LockOrderTest, OrderThroughAMutexIsNoOrderingAtAll) {
  // T2 takes G after T1 released it, but another schedule reverses that.
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  nest(*T1, A, B, 1);
  lock(*T1, G, 5);
  unlock(*T1, G);
  lock(*T2, G, 6);
  unlock(*T2, G);
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_inversion");
}

TEST_F(LockOrderTest, ALatchWaitedForWithAPlainLoadOrders) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  nest(*T1, A, B, 1);
  atomicOp(*T1, Word, racegate::abi::OrderRelease | racegate::abi::AtomicReads | racegate::abi::AtomicWrites);
  atomicOp(*T2, Word, racegate::abi::OrderAcquire | racegate::abi::AtomicReads);
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_violation");
  EXPECT_EQ(reason(), "ordered");
}

TEST_F(LockOrderTest, AnAcquiringReadModifyWriteDoesNotOrder) {
  // A spinlock: the next owner's exchange reads the unlock, but could
  // have come first.
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  nest(*T1, A, B, 1);
  atomicOp(*T1, Word, racegate::abi::OrderRelease | racegate::abi::AtomicWrites);
  atomicOp(*T2, Word, racegate::abi::OrderAcquire | racegate::abi::AtomicReads | racegate::abi::AtomicWrites);
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_inversion");
}

TEST_F(LockOrderTest, ARelaxedStoreEndsWhatALatchOrders) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  nest(*T1, A, B, 1);
  atomicOp(*T1, Word, racegate::abi::OrderRelease | racegate::abi::AtomicWrites);
  atomicOp(*H.Main, Word, racegate::abi::OrderRelaxed | racegate::abi::AtomicWrites);
  atomicOp(*T2, Word, racegate::abi::OrderAcquire | racegate::abi::AtomicReads);
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_inversion");
}

TEST_F(LockOrderTest, ASemaphoreThatStartsAtZeroOrders) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  H.D.semaphoreInitialized(*H.Main, uintptr_t(&Word), 0, H.line(9));
  nest(*T1, A, B, 1);
  H.D.semaphorePosted(*T1, uintptr_t(&Word));
  H.D.semaphoreAcquired(*T2, uintptr_t(&Word));
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_violation");
}

TEST_F(LockOrderTest, ASemaphoreWithPermitsDoesNotOrder) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  H.D.semaphoreInitialized(*H.Main, uintptr_t(&Word), 1, H.line(9));
  nest(*T1, A, B, 1);
  H.D.semaphorePosted(*T1, uintptr_t(&Word));
  H.D.semaphoreAcquired(*T2, uintptr_t(&Word));
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_inversion");
}

TEST_F(LockOrderTest, ASemaphoreWaitIsOrderedOnlyByWhatEveryPostFollows) {
  // Two posters: the wait may take either post, so the first poster's
  // critical section is not ordered before the waiter's.
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main),
              *T3 = H.spawn(*H.Main);
  H.D.semaphoreInitialized(*H.Main, uintptr_t(&Word), 0, H.line(9));
  nest(*T1, A, B, 1);
  H.D.semaphorePosted(*T1, uintptr_t(&Word));
  H.D.semaphorePosted(*T3, uintptr_t(&Word));
  H.D.semaphoreAcquired(*T2, uintptr_t(&Word));
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_inversion");
}

TEST_F(LockOrderTest, ABarrierRoundOrdersWhatCameBeforeIt) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  H.D.barrierInitialized(uintptr_t(&Word), 2);
  nest(*T1, A, B, 1);
  H.D.barrierArrives(*T1, uintptr_t(&Word));
  H.D.barrierArrives(*T2, uintptr_t(&Word));
  H.D.barrierLeaves(*T2, uintptr_t(&Word));
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_violation");
}

TEST_F(LockOrderTest, AnArrivalAtTheNextRoundOrdersNoSlowLeaver) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  H.D.barrierInitialized(uintptr_t(&Word), 2);
  H.D.barrierArrives(*T1, uintptr_t(&Word));
  H.D.barrierArrives(*T2, uintptr_t(&Word));
  H.D.barrierLeaves(*T1, uintptr_t(&Word));
  nest(*T1, A, B, 1);
  H.D.barrierArrives(*T1, uintptr_t(&Word)); // next round, T2 not out yet
  H.D.barrierLeaves(*T2, uintptr_t(&Word));
  nest(*T2, B, A, 3);
  EXPECT_EQ(onlyKind(), "lock_order_inversion");
}

TEST_F(LockOrderTest, ReadersAloneNeverBlockSoTheirCycleIsSilent) {
  ThreadState *T1 = H.spawn(*H.Main), *T2 = H.spawn(*H.Main);
  nest(*T1, A, B, 1, /*Exclusive=*/false);
  nest(*T2, B, A, 3, /*Exclusive=*/false);
  nest(*H.Main, A, B, 5, false);
  nest(*H.Main, B, A, 7, false);
  EXPECT_TRUE(H.Sink.Findings.empty());
}

TEST_F(LockOrderTest, ARepeatedCycleIsReportedOnce) {
  for (int I = 0; I < 3; ++I) {
    nest(*H.Main, A, B, 1);
    nest(*H.Main, B, A, 3);
  }
  EXPECT_EQ(ofKind("lock_order_violation").size(), 1u);
}

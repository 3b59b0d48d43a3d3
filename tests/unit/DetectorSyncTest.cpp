//===- DetectorSyncTest.cpp - happens-before through atomics --------------===//
#include "DetectorHarness.h"
#include "racegate/RuntimeAbi.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace racegate;
using namespace racegate::test;

namespace {
alignas(8) long Data;
alignas(8) long Flag;

void atomicOp(DetectorHarness &H, ThreadState &T, uint32_t Flags,
              unsigned Line) {
  H.D.atomicBegin(T, uintptr_t(&Flag), Flags);
  H.D.atomicEnd(T, uintptr_t(&Flag), 8, Flags, H.line(Line));
}
} // namespace

TEST(DetectorSync, ReleaseAcquirePublishes) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 3);
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorSync, RelaxedDoesNotPublish) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelaxed | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B, racegate::abi::OrderRelaxed | racegate::abi::AtomicReads, 3);
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorSync, AtomicAccessesDoNotRaceWithEachOther) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  atomicOp(H, *A, racegate::abi::OrderRelaxed | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B,
           racegate::abi::OrderRelaxed | racegate::abi::AtomicReads |
               racegate::abi::AtomicWrites,
           3);
  EXPECT_EQ(H.races(), 0u);
  H.read(*B, &Flag, 8, 4); // a plain read of an atomically written word
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorSync, ReleaseSequenceContinuesThroughRmw) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B,
           racegate::abi::OrderRelaxed | racegate::abi::AtomicReads |
               racegate::abi::AtomicWrites,
           3);
  atomicOp(H, *C, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 4);
  H.read(*C, &Data, 8, 5);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorSync, FencesPairWithRelaxedOperations) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  H.D.fence(*A, racegate::abi::OrderRelease);
  atomicOp(H, *A, racegate::abi::OrderRelaxed | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B, racegate::abi::OrderRelaxed | racegate::abi::AtomicReads, 3);
  H.D.fence(*B, racegate::abi::OrderAcquire);
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 0u);
}

// The reader's relaxed load sees the store while the storer is still between
// its store and publishing the fence's clock; the acquire fence after the load
// must still pair with that clock.
TEST(DetectorSync, AcquireFenceWaitsForTheStoreItRead) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  H.D.fence(*A, racegate::abi::OrderRelease);
  uint32_t Store = racegate::abi::OrderRelaxed | racegate::abi::AtomicWrites;
  H.D.atomicBegin(*A, uintptr_t(&Flag), Store);
  std::atomic<bool> Fencing{false};
  std::thread Reader([&] {
    atomicOp(H, *B, racegate::abi::OrderRelaxed | racegate::abi::AtomicReads,
             3);
    Fencing.store(true);
    H.D.fence(*B, racegate::abi::OrderAcquire);
  });
  while (!Fencing.load())
    std::this_thread::yield();
  // Give the reader's fence the chance to run ahead of the publication.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  H.D.atomicEnd(*A, uintptr_t(&Flag), 8, Store, H.line(2));
  Reader.join();
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 0u);
}

// A lock-free queue reads many released slots before one acquire fence; the
// fence pairs with every one of them, however many.
TEST(DetectorSync, AcquireFencePairsWithEveryRelaxedLoadBeforeIt) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  alignas(8) static long Slots[100];
  H.write(*A, &Data, 8, 1);
  uint32_t Store = racegate::abi::OrderRelease | racegate::abi::AtomicWrites;
  uint32_t Load = racegate::abi::OrderRelaxed | racegate::abi::AtomicReads;
  H.D.atomicBegin(*A, uintptr_t(&Slots[0]), Store);
  H.D.atomicEnd(*A, uintptr_t(&Slots[0]), 8, Store, H.line(2));
  for (long &Slot : Slots) {
    H.D.atomicBegin(*B, uintptr_t(&Slot), Load);
    H.D.atomicEnd(*B, uintptr_t(&Slot), 8, Load, H.line(3));
  }
  H.D.fence(*B, racegate::abi::OrderAcquire);
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorSync, RelaxedStoreEndsReleaseSequence) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B, racegate::abi::OrderRelaxed | racegate::abi::AtomicWrites, 3);
  atomicOp(H, *C, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 4);
  H.read(*C, &Data, 8, 5);
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorSync, AcquireFenceWithoutRelaxedLoadAcquiresNothing) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites, 2);
  H.D.fence(*B, racegate::abi::OrderAcquire);
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorSync, FreedLocksForgetTheirClocks) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  alignas(64) static char Block[64];
  auto M = uintptr_t(Block + 8);
  H.D.allocated(*H.Main, uintptr_t(Block), sizeof(Block), 0);
  H.write(*A, &Data, 8, 1);
  H.D.mutexLocked(*A, M, H.line(2));
  H.D.mutexUnlocked(*A, M);
  H.D.freed(uintptr_t(Block), sizeof(Block));
  EXPECT_EQ(H.D.syncObjectCount(), 0u);
  // A new mutex at the same address carries nothing from the old one.
  H.D.mutexLocked(*B, M, H.line(3));
  H.write(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorSync, ManyLocksStayBounded) {
  DetectorHarness H;
  std::vector<long> Mutexes(20000);
  for (int Round = 0; Round < 3; ++Round) {
    for (long &M : Mutexes) {
      H.D.mutexLocked(*H.Main, uintptr_t(&M), H.line(1));
      H.D.mutexUnlocked(*H.Main, uintptr_t(&M));
    }
    H.D.freed(uintptr_t(Mutexes.data()), Mutexes.size() * sizeof(long));
    EXPECT_EQ(H.D.syncObjectCount(), 0u);
  }
}

TEST(DetectorSync, AnAcquireAfterAnotherReleaseOfTheObjectTakesItToo) {
  // B already knows A's release store, but the object's clock took more
  // since (a release through the same address, as a futex wake or a
  // libc-level handoff makes): B's next acquire must take it.
  DetectorHarness H;
  alignas(8) static long Other;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 3);
  H.write(*C, &Other, 8, 4);
  H.D.release(*C, uintptr_t(&Flag));
  atomicOp(H, *B, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 6);
  H.read(*B, &Other, 8, 7);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorSync, AnAcquireOfAStoreItKnowsKeepsWhatItHas) {
  // The second acquire of A's store adds nothing B lacks; B stays ordered
  // after A's write and unordered with C's.
  DetectorHarness H;
  alignas(8) static long Other;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites, 2);
  atomicOp(H, *B, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 3);
  atomicOp(H, *B, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 3);
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 0u);
  H.write(*C, &Other, 8, 5);
  H.read(*B, &Other, 8, 6);
  EXPECT_EQ(H.races(), 1u);
}

//===- DetectorSyncTest.cpp - happens-before through atomics --------------===//
#include "DetectorHarness.h"
#include "racegate/RuntimeAbi.h"

#include <gtest/gtest.h>

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
  atomicOp(H, *B, racegate::abi::OrderRelaxed | racegate::abi::AtomicReads | racegate::abi::AtomicWrites,
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
  atomicOp(H, *B, racegate::abi::OrderRelaxed | racegate::abi::AtomicReads | racegate::abi::AtomicWrites,
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

TEST(DetectorSync, RelaxedStoreEndsReleaseSequence) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main),
              *C = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites,
           2);
  atomicOp(H, *B, racegate::abi::OrderRelaxed | racegate::abi::AtomicWrites,
           3);
  atomicOp(H, *C, racegate::abi::OrderAcquire | racegate::abi::AtomicReads, 4);
  H.read(*C, &Data, 8, 5);
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorSync, AcquireFenceWithoutRelaxedLoadAcquiresNothing) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Data, 8, 1);
  atomicOp(H, *A, racegate::abi::OrderRelease | racegate::abi::AtomicWrites,
           2);
  H.D.fence(*B, racegate::abi::OrderAcquire);
  H.read(*B, &Data, 8, 4);
  EXPECT_EQ(H.races(), 1u);
}

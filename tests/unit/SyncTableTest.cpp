//===- SyncTableTest.cpp - sync objects by address ------------------------===//
#include "SyncTable.h"

#include <gtest/gtest.h>

using namespace racegate;

namespace {
alignas(64) char Memory[4096];
uintptr_t at(size_t Offset) { return uintptr_t(Memory) + Offset; }
} // namespace

TEST(SyncTable, OneObjectPerAddressEvenWithinAGranule) {
  SyncTable T;
  EXPECT_EQ(T.find(at(0)), nullptr);
  SyncObject &A = T.get(at(0)), &B = T.get(at(4)), &C = T.get(at(8));
  EXPECT_NE(&A, &B);
  EXPECT_NE(&B, &C);
  EXPECT_EQ(&T.get(at(4)), &B);
  EXPECT_EQ(T.find(at(0)), &A);
  EXPECT_EQ(A.Address, at(0));
  EXPECT_EQ(B.Address, at(4));
  EXPECT_EQ(T.find(at(2)), nullptr);
  EXPECT_EQ(T.size(), 3u);
}

TEST(SyncTable, EraseKeepsTheOtherObjectsOfTheGranule) {
  SyncTable T;
  T.get(at(16)).Acquisitions = 1;
  T.get(at(20)).Acquisitions = 2;
  T.get(at(22)).Acquisitions = 3;
  T.erase(at(20));
  EXPECT_EQ(T.find(at(20)), nullptr);
  ASSERT_NE(T.find(at(16)), nullptr);
  ASSERT_NE(T.find(at(22)), nullptr);
  EXPECT_EQ(T.find(at(16))->Acquisitions, 1u);
  EXPECT_EQ(T.find(at(22))->Acquisitions, 3u);
  // A new object at an erased address starts fresh.
  EXPECT_EQ(T.get(at(20)).Acquisitions, 0u);
  EXPECT_EQ(T.size(), 3u);
}

TEST(SyncTable, EraseRangeForgetsExactlyTheRange) {
  SyncTable T;
  for (size_t Offset = 0; Offset < 2048; Offset += 4)
    T.get(at(Offset));
  T.eraseRange(at(100), at(1000));
  for (size_t Offset = 0; Offset < 2048; Offset += 4) {
    bool Inside = Offset >= 100 && Offset < 1000;
    EXPECT_EQ(T.find(at(Offset)) == nullptr, Inside) << Offset;
  }
}

TEST(SyncTable, ErasedSlotsAreReused) {
  SyncTable T;
  for (int Round = 0; Round < 1000; ++Round) {
    for (size_t Offset = 0; Offset < 512; Offset += 8)
      T.get(at(Offset)).Acquisitions = Round;
    T.eraseRange(at(0), at(512));
  }
  EXPECT_EQ(T.size(), 0u);
  // Only one round's worth of slots was ever needed.
  EXPECT_EQ(T.slotsUsed(), 64u);
  size_t Locks = 0;
  T.get(at(0));
  T.forEachLock([&](SpinLock &) { return ++Locks, true; });
  size_t Idle = 0;
  SyncTable().forEachLock([&](SpinLock &) { return ++Idle, true; });
  EXPECT_EQ(Locks, Idle + 1);
}

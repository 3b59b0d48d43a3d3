//===- LocksetRegistryTest.cpp - interned sets of held locks --------------===//
#include "LocksetRegistry.h"
#include "DetectorHarness.h"

#include <gtest/gtest.h>

#include <thread>

using namespace racegate;
using namespace racegate::test;

TEST(LocksetRegistry, EqualSetsShareAnIdAndRoundTrip) {
  LocksetRegistry R;
  std::vector<LockRecord> A{{0x1000, 5, 7, true}, {0x2000, 6, 8, false}};
  uint32_t Id = R.intern(A);
  EXPECT_GE(Id, 2u);
  EXPECT_EQ(R.intern(A), Id);
  EXPECT_EQ(R.locks(Id), A);
  EXPECT_EQ(R.intern({}), 0u);
  EXPECT_TRUE(R.locks(0).empty());
}

TEST(LocksetRegistry, SetsDifferingInAnyFieldOrOrderAreDistinct) {
  LocksetRegistry R;
  LockRecord L1{0x1000, 5, 7, true}, L2{0x2000, 6, 8, true};
  std::vector<std::vector<LockRecord>> Sets{
      {L1}, {L2}, {L1, L2}, {L2, L1}, {{0x1000, 5, 7, false}},
      {{0x1000, 4, 7, true}}, {{0x1000, 5, 9, true}}};
  std::vector<uint32_t> Ids;
  for (const auto &S : Sets)
    Ids.push_back(R.intern(S));
  for (size_t I = 0; I < Ids.size(); ++I) {
    EXPECT_EQ(R.locks(Ids[I]), Sets[I]);
    for (size_t J = 0; J < I; ++J)
      EXPECT_NE(Ids[I], Ids[J]);
  }
}

TEST(LocksetRegistry, ThreadsInterningTheSameSetsAgreeOnTheirIds) {
  LocksetRegistry R;
  constexpr unsigned Sets = 20000;
  std::vector<uint32_t> Seen[4];
  std::vector<std::thread> Threads;
  for (auto &Ids : Seen)
    Threads.emplace_back([&R, &Ids] {
      for (unsigned I = 0; I < Sets; ++I)
        Ids.push_back(R.intern({{uintptr_t(I) * 64, I, 1, true}}));
    });
  for (auto &T : Threads)
    T.join();
  for (auto &Ids : Seen)
    EXPECT_EQ(Ids, Seen[0]);
  EXPECT_EQ(R.size(), Sets + 2);
}

TEST(LocksetRegistry, ARaceReportNamesTheLocksTheEarlierAccessHeld) {
  // The set is interned only when an access under it is remembered: the
  // report must still name the lock the earlier side held.
  DetectorHarness H;
  long X = 0, Mutex = 0;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.D.mutexLocked(*A, reinterpret_cast<uintptr_t>(&Mutex), H.line(3));
  H.write(*A, &X, sizeof X, 4);
  H.D.mutexUnlocked(*A, reinterpret_cast<uintptr_t>(&Mutex));
  H.write(*B, &X, sizeof X, 6);
  ASSERT_EQ(H.races(), 1u);
  const auto &Accesses = H.Sink.Findings.back()["race"]["accesses"];
  ASSERT_EQ(Accesses.size(), 2u);
  EXPECT_TRUE(Accesses[0]["locks_held"].empty());
  ASSERT_EQ(Accesses[1]["locks_held"].size(), 1u);
}

//===- DetectorRaceTest.cpp - race detection on plain accesses ------------===//
#include "DetectorHarness.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {
alignas(8) long Shared[4];
} // namespace

TEST(DetectorRace, UnorderedWritesRace) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Shared[0], 8, 10);
  H.write(*B, &Shared[0], 8, 11);
  ASSERT_EQ(H.races(), 1u);
  const auto &F = H.Sink.Findings[0];
  EXPECT_EQ(F["kind"], "data_race");
  EXPECT_EQ(F["stacks"][0]["frames"][0]["line"], 11);
  EXPECT_EQ(F["stacks"][1]["frames"][0]["line"], 10);
  EXPECT_EQ(F["stacks"][1]["frames"][0]["file"], "src.cpp");
  EXPECT_EQ(F["race"]["accesses"][0]["operation"], "write");
  EXPECT_EQ(F["race"]["accesses"][1]["thread"], A->Id);
}

TEST(DetectorRace, ReadAfterUnorderedWriteRaces) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Shared[0], 8, 1);
  H.read(*B, &Shared[0], 8, 2);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(H.Sink.Findings[0]["race"]["accesses"][0]["operation"], "read");
}

TEST(DetectorRace, ReadsNeverRaceWithReads) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*H.Main, &Shared[0], 8, 1); // before both threads were created?
  H.read(*A, &Shared[0], 8, 2);
  H.read(*B, &Shared[0], 8, 3);
  // The main thread's write came after the spawns, so it races with reads;
  // but the two reads do not race with each other.
  for (const auto &F : H.Sink.Findings)
    EXPECT_TRUE(F["race"]["accesses"][0]["operation"] == "write" ||
                F["race"]["accesses"][1]["operation"] == "write");
}

TEST(DetectorRace, ForkOrdersParentBeforeChild) {
  DetectorHarness H;
  H.write(*H.Main, &Shared[0], 8, 1);
  ThreadState *A = H.spawn(*H.Main);
  H.write(*A, &Shared[0], 8, 2);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorRace, ParentAfterForkRacesWithChild) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main);
  H.write(*A, &Shared[0], 8, 2);
  H.write(*H.Main, &Shared[0], 8, 1);
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorRace, JoinOrdersChildBeforeJoiner) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main);
  H.write(*A, &Shared[0], 8, 2);
  H.finishAndJoin(*H.Main, *A);
  H.read(*H.Main, &Shared[0], 8, 3);
  H.write(*H.Main, &Shared[0], 8, 4);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorRace, LockHandoffOrdersCriticalSections) {
  DetectorHarness H;
  long Mutex = 0;
  auto M = reinterpret_cast<uintptr_t>(&Mutex);
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.D.mutexLocked(*A, M, H.line(5));
  H.write(*A, &Shared[0], 8, 6);
  H.D.mutexUnlocked(*A, M);
  H.D.mutexLocked(*B, M, H.line(5));
  H.write(*B, &Shared[0], 8, 6);
  H.D.mutexUnlocked(*B, M);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorRace, DifferentLocksDoNotOrder) {
  DetectorHarness H;
  long Mutexes[2] = {};
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.D.mutexLocked(*A, uintptr_t(&Mutexes[0]), H.line(5));
  H.write(*A, &Shared[0], 8, 6);
  H.D.mutexUnlocked(*A, uintptr_t(&Mutexes[0]));
  H.D.mutexLocked(*B, uintptr_t(&Mutexes[1]), H.line(7));
  H.write(*B, &Shared[0], 8, 8);
  ASSERT_EQ(H.races(), 1u);
  // The racing side names the lock it held.
  auto Locks = H.Sink.Findings[0]["race"]["accesses"][0]["locks_held"];
  ASSERT_EQ(Locks.size(), 1u);
  EXPECT_EQ(Locks[0]["acquired_at"][0]["line"], 7);
}

TEST(DetectorRace, DifferentBytesOfOneWordDoNotRace) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  auto *Bytes = reinterpret_cast<char *>(&Shared[1]);
  H.write(*A, Bytes + 0, 1, 1);
  H.write(*B, Bytes + 1, 1, 2);
  H.write(*A, Bytes + 2, 2, 3);
  H.write(*B, Bytes + 4, 4, 4);
  EXPECT_EQ(H.races(), 0u);
  H.write(*B, Bytes + 3, 1, 5); // overlaps A's two-byte write
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorRace, AccessesSpanningGranulesAreSplit) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  auto *Bytes = reinterpret_cast<char *>(&Shared[2]);
  H.write(*A, Bytes + 6, 4, 1); // covers two granules
  H.read(*B, Bytes + 8, 1, 2);
  EXPECT_EQ(H.races(), 1u);
}

TEST(DetectorRace, EachPairOfLocationsIsReportedOnce) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  for (int I = 0; I < 100; ++I) {
    H.write(*A, &Shared[3], 8, 1);
    H.write(*B, &Shared[3], 8, 2);
  }
  EXPECT_EQ(H.races(), 1u);
  H.read(*B, &Shared[3], 8, 3); // a new pair (3, 1)
  EXPECT_EQ(H.races(), 2u);
}

TEST(DetectorRace, FreedMemoryForgetsItsHistory) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  alignas(8) char Block[64];
  H.D.allocated(*A, uintptr_t(Block), sizeof(Block), 0);
  H.write(*A, Block, 8, 1);
  H.D.freed(uintptr_t(Block), sizeof(Block));
  H.D.allocated(*B, uintptr_t(Block), sizeof(Block), 0);
  H.write(*B, Block, 8, 2);
  EXPECT_EQ(H.races(), 0u);
}

TEST(DetectorRace, HeapRaceNamesTheBlock) {
  DetectorHarness H;
  alignas(8) char Block[40];
  H.D.allocated(*H.Main, uintptr_t(Block), sizeof(Block), H.line(9));
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, Block + 16, 4, 1);
  H.write(*B, Block + 16, 4, 2);
  ASSERT_EQ(H.races(), 1u);
  auto Var = H.Sink.Findings[0]["race"]["variable"];
  EXPECT_EQ(Var["kind"], "heap");
  EXPECT_EQ(Var["size"], 40);
  EXPECT_EQ(Var["offset"], 16);
  EXPECT_EQ(Var["allocation_stack"][0]["line"], 9);
}

TEST(DetectorRace, GlobalRaceNamesTheVariable) {
  DetectorHarness H;
  racegate::abi::GlobalRecord Record{&Shared[0], sizeof(Shared), "Shared", "src.cpp", 4};
  H.D.sites().addGlobals(&Record, 1);
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &Shared[1], 8, 1);
  H.read(*B, &Shared[1], 8, 2);
  ASSERT_EQ(H.races(), 1u);
  auto Var = H.Sink.Findings[0]["race"]["variable"];
  EXPECT_EQ(Var["kind"], "global");
  EXPECT_EQ(Var["name"], "Shared");
  EXPECT_EQ(Var["offset"], 8);
}

TEST(DetectorRace, StacksIncludeCallers) {
  DetectorHarness H;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  A->Stack.push(H.line(20)); // called from line 20
  H.write(*A, &Shared[0], 8, 1);
  A->Stack.pop();
  B->Stack.push(H.line(21));
  B->Stack.push(H.line(22));
  H.write(*B, &Shared[0], 8, 2);
  ASSERT_EQ(H.races(), 1u);
  auto Now = H.Sink.Findings[0]["stacks"][0]["frames"];
  auto Before = H.Sink.Findings[0]["stacks"][1]["frames"];
  ASSERT_EQ(Now.size(), 3u);
  EXPECT_EQ(Now[1]["line"], 22);
  EXPECT_EQ(Now[2]["line"], 21);
  ASSERT_EQ(Before.size(), 2u);
  EXPECT_EQ(Before[1]["line"], 20);
}

TEST(DetectorRace, EarlierAccessNamesTheLocksItHeld) {
  DetectorHarness H;
  long Mutex = 0;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.D.mutexLocked(*A, uintptr_t(&Mutex), H.line(12));
  H.write(*A, &Shared[2], 8, 13);
  H.D.mutexUnlocked(*A, uintptr_t(&Mutex));
  H.write(*B, &Shared[2], 8, 14); // forgot the lock
  ASSERT_EQ(H.races(), 1u);
  auto Accesses = H.Sink.Findings[0]["race"]["accesses"];
  EXPECT_TRUE(Accesses[0]["locks_held"].empty());
  ASSERT_EQ(Accesses[1]["locks_held"].size(), 1u);
  EXPECT_EQ(Accesses[1]["locks_held"][0]["acquired_at"][0]["line"], 12);
  // The lock set is not mistaken for a frame of the earlier stack.
  EXPECT_EQ(H.Sink.Findings[0]["stacks"][1]["frames"].size(), 1u);
}

TEST(DetectorRace, StackVariableNamesTheFrameHoldingIt) {
  DetectorHarness H;
  alignas(8) static char Stack[4096];
  auto Base = reinterpret_cast<uintptr_t>(Stack);
  ThreadState *Owner = H.spawn(*H.Main);
  H.D.threadStarted(*Owner, Base, Base + sizeof(Stack));
  Owner->Stack.push(0, H.line(30), Base + 4000); // outer function's frame
  Owner->Stack.push(0, H.line(31), Base + 2000); // inner function's frame
  ThreadState *Other = H.spawn(*H.Main);
  H.write(*Owner, Stack + 3000, 8, 1);
  H.write(*Other, Stack + 3000, 8, 2);
  ASSERT_EQ(H.races(), 1u);
  auto Var = H.Sink.Findings[0]["race"]["variable"];
  EXPECT_EQ(Var["kind"], "stack");
  EXPECT_EQ(Var["thread"], Owner->Id);
  EXPECT_EQ(Var["frame"]["function"], "fn30");
}

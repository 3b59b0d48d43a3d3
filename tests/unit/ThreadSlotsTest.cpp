//===- ThreadSlotsTest.cpp - recycled thread slots hide no race -----------===//
#include "DetectorHarness.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

TEST(ThreadSlots, JoinThenCreateReusesTheSlot) {
  DetectorHarness H;
  ThreadState *First = H.spawn(*H.Main);
  Tid Slot = First->Id;
  H.finishAndJoin(*H.Main, *First);
  ThreadState *Next = H.spawn(*H.Main);
  EXPECT_EQ(Next->Id, Slot);
  EXPECT_EQ(H.D.threadSlots(), 2u);
}

TEST(ThreadSlots, ManyThreadsOverARunKeepClocksSmall) {
  DetectorHarness H;
  for (int I = 0; I < 70000; ++I) {
    ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
    H.finishAndJoin(*H.Main, *A);
    H.finishAndJoin(*H.Main, *B);
  }
  EXPECT_EQ(H.D.threadSlots(), 3u);
  EXPECT_EQ(H.D.uncheckedThreads(), 0u);
  // Two more beyond the 65,536th thread still race.
  long X = 0;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &X, sizeof X, 1);
  H.write(*B, &X, sizeof X, 2);
  EXPECT_EQ(H.races(), 1u);
}

TEST(ThreadSlots, ASlotTheCreatorHasNotSeenEndIsNotReused) {
  DetectorHarness H;
  long X = 0;
  ThreadState *Creator = H.spawn(*H.Main);
  ThreadState *Old = H.spawn(*H.Main);
  H.write(*Old, &X, sizeof X, 1);
  // Main joins it, but the creator knows nothing of its end.
  H.finishAndJoin(*H.Main, *Old);
  ThreadState *New = H.spawn(*Creator);
  EXPECT_NE(New->Id, Old->Id);
  // So the new thread's write still races with the old thread's.
  H.write(*New, &X, sizeof X, 2);
  EXPECT_EQ(H.races(), 1u);
}

TEST(ThreadSlots, AnUnjoinedThreadKeepsItsSlot) {
  DetectorHarness H;
  ThreadState *Detached = H.spawn(*H.Main);
  H.D.threadFinished(*Detached);
  ThreadState *Next = H.spawn(*H.Main);
  EXPECT_NE(Next->Id, Detached->Id);
}

TEST(ThreadSlots, ARecycledSlotStillRacesWithAnOlderConcurrentThread) {
  DetectorHarness H;
  long X = 0;
  // Runs alongside everything below.
  ThreadState *Long = H.spawn(*H.Main);
  ThreadState *Old = H.spawn(*H.Main);
  H.finishAndJoin(*H.Main, *Old);
  ThreadState *New = H.spawn(*H.Main);
  ASSERT_EQ(New->Id, Old->Id);
  H.write(*Long, &X, sizeof X, 1);
  H.write(*New, &X, sizeof X, 2);
  EXPECT_EQ(H.races(), 1u);
  // The old thread's access is ordered before the new one's, as it was
  // before the new one's creation; a thread that saw neither races with
  // the old thread's write too.
  long Y = 0;
  ThreadState *Reader = H.spawn(*Long);
  ThreadState *Older = H.spawn(*H.Main);
  H.write(*Older, &Y, sizeof Y, 3);
  H.finishAndJoin(*H.Main, *Older);
  ThreadState *Newer = H.spawn(*H.Main);
  ASSERT_EQ(Newer->Id, Older->Id);
  H.read(*Newer, &Y, sizeof Y, 4); // ordered: no race
  EXPECT_EQ(H.races(), 1u);
  H.read(*Reader, &Y, sizeof Y, 5);
  EXPECT_EQ(H.races(), 2u);
}

TEST(ThreadSlots, ThreadsBeyondTheLimitAreAWarningNotASilentMiss) {
  DetectorHarness H;
  H.D.SlotLimit = 64;
  std::vector<ThreadState *> Live;
  for (Tid I = 1; I < 64; ++I)
    Live.push_back(H.spawn(*H.Main));
  EXPECT_EQ(H.D.createThread(*H.Main, 0), nullptr);
  EXPECT_EQ(H.D.uncheckedThreads(), 1u);
  ASSERT_FALSE(H.Sink.Findings.empty());
  EXPECT_EQ(H.Sink.Findings.back()["type"], "warning");
  EXPECT_EQ(H.Sink.Findings.back()["kind"], "threads_unchecked");
  // Once one ends and is joined, threads are checked again.
  H.finishAndJoin(*H.Main, *Live.back());
  EXPECT_NE(H.D.createThread(*H.Main, 0), nullptr);
}

TEST(ThreadSlots, ADetachedThreadsSlotIsReusedOnceItsLastReleaseIsAcquired) {
  DetectorHarness H;
  long X = 0, Done = 0;
  ThreadState *Worker = H.spawn(*H.Main);
  H.D.threadDetached(Worker->Id);
  H.write(*Worker, &X, sizeof X, 1);
  // Its last act is a release (a pool worker posting "done" and exiting).
  H.D.release(*Worker, reinterpret_cast<uintptr_t>(&Done));
  H.D.threadFinished(*Worker);
  H.D.acquire(*H.Main, reinterpret_cast<uintptr_t>(&Done));
  ThreadState *Next = H.spawn(*H.Main);
  EXPECT_EQ(Next->Id, Worker->Id);
  // Ordered through the release: no race, and the new thread's epochs are
  // above the old one's.
  H.write(*Next, &X, sizeof X, 2);
  EXPECT_EQ(H.races(), 0u);
  EXPECT_GT(Next->Clock_.get(Next->Id), Worker->FinalEpoch - 1);
}

TEST(ThreadSlots, ADetachedThreadsAccessAfterItsLastReleaseKeepsItsSlot) {
  DetectorHarness H;
  long X = 0, Done = 0;
  ThreadState *Worker = H.spawn(*H.Main);
  H.D.release(*Worker, reinterpret_cast<uintptr_t>(&Done));
  // After the release nothing orders this write with the main thread.
  H.write(*Worker, &X, sizeof X, 1);
  H.D.threadFinished(*Worker);
  H.D.threadDetached(Worker->Id); // detached after it ended
  H.D.acquire(*H.Main, reinterpret_cast<uintptr_t>(&Done));
  ThreadState *Next = H.spawn(*H.Main);
  EXPECT_NE(Next->Id, Worker->Id);
  H.write(*Next, &X, sizeof X, 2);
  EXPECT_EQ(H.races(), 1u);
}

TEST(ThreadSlots, ManyDetachedThreadsOverARunAreAllChecked) {
  DetectorHarness H;
  long Done = 0;
  for (int I = 0; I < 70000; ++I) {
    ThreadState *T = H.spawn(*H.Main);
    H.D.threadDetached(T->Id);
    H.D.release(*T, reinterpret_cast<uintptr_t>(&Done));
    H.D.threadFinished(*T);
    H.D.acquire(*H.Main, reinterpret_cast<uintptr_t>(&Done));
  }
  EXPECT_LE(H.D.threadSlots(), 3u);
  EXPECT_EQ(H.D.uncheckedThreads(), 0u);
  long X = 0;
  ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
  H.write(*A, &X, sizeof X, 1);
  H.write(*B, &X, sizeof X, 2);
  EXPECT_EQ(H.races(), 1u);
}

TEST(ThreadSlots, ARaceWithAnEarlierThreadOfASlotNamesWhereThatOneWasMade) {
  DetectorHarness H;
  long X = 0;
  ThreadState *Long = H.spawn(*H.Main);
  ThreadState *Old = H.D.createThread(*H.Main, H.line(7));
  H.D.threadStarted(*Old, 0, 0);
  H.write(*Old, &X, sizeof X, 1);
  H.finishAndJoin(*H.Main, *Old);
  ThreadState *New = H.D.createThread(*H.Main, H.line(9));
  ASSERT_EQ(New->Id, Old->Id);
  H.write(*Long, &X, sizeof X, 2);
  ASSERT_EQ(H.races(), 1u);
  const nlohmann::json &Race = H.Sink.Findings.back();
  bool Seen = false;
  for (const nlohmann::json &Thread : Race["threads"])
    if (Thread["id"] == Old->Id) {
      Seen = true;
      ASSERT_FALSE(Thread["creation_stack"].empty());
      EXPECT_EQ(Thread["creation_stack"][0]["line"], 7);
    }
  EXPECT_TRUE(Seen);
}

// A new heap block starts with its allocation's write, which the allocating
// thread's own accesses of that epoch replace without a compare-and-swap;
// a free over the freeing thread's own writes of the epoch only moves the
// places; a loop's range check checks a whole range at once.
#include "DetectorHarness.h"
#include "ShadowMemory.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {

alignas(16) long Block[64];
long Published;

struct HeapShadow : ::testing::Test {
  void SetUp() override {
    A = H.spawn(*H.Main);
    B = H.spawn(*H.Main);
  }
  void allocate(ThreadState &T, size_t Bytes, unsigned Line) {
    H.D.allocated(T, uintptr_t(Block), Bytes, H.line(Line));
  }
  unsigned previousLine(size_t Finding) const {
    return H.Sink.Findings[Finding]["stacks"][1]["frames"][0]["line"];
  }
  DetectorHarness H;
  ThreadState *A = nullptr, *B = nullptr;
};

} // namespace

TEST_F(HeapShadow, UseNotOrderedAfterTheAllocationRaces) {
  allocate(*A, 64, 1);
  H.read(*B, &Block[2], 8, 2);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(previousLine(0), 1u);
}

TEST_F(HeapShadow, UseOrderedAfterTheAllocationDoesNot) {
  allocate(*A, 64, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.D.acquire(*B, uintptr_t(&Published));
  H.write(*B, &Block[2], 8, 2);
  H.read(*B, &Block[3], 4, 3);
  EXPECT_EQ(H.races(), 0u);
}

TEST_F(HeapShadow, TheFirstWriteTakesTheAllocationsPlace) {
  // The allocating thread's write of the same epoch is what a racing
  // reader is shown, not the allocation.
  allocate(*A, 64, 1);
  H.write(*A, &Block[4], 8, 2);
  H.read(*A, &Block[4], 8, 3); // covered by the write
  EXPECT_FALSE(AccessWord(H.wordOf(&Block[4])).isFresh());
  H.read(*B, &Block[4], 8, 4);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(previousLine(0), 2u);
}

TEST_F(HeapShadow, APartialFirstWriteStillStandsForTheWholeGranule) {
  allocate(*A, 64, 1);
  H.write(*A, &Block[5], 4, 2);
  H.read(*B, reinterpret_cast<char *>(&Block[5]) + 4, 4, 3);
  EXPECT_EQ(H.races(), 1u);
}

TEST_F(HeapShadow, AnAllocationOfAnEarlierEpochIsReplacedAsAnyWrite) {
  allocate(*A, 64, 1);
  H.D.release(*A, uintptr_t(&Published));
  H.D.acquire(*B, uintptr_t(&Published));
  H.read(*B, &Block[6], 8, 2); // ordered after the allocation
  H.write(*A, &Block[6], 8, 3); // not ordered with B's read
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(previousLine(0), 2u);
}

TEST_F(HeapShadow, TheThreadLibrarysOwnBlocksStartEmpty) {
  // No instrumented call site: allocated by the thread library itself.
  H.D.allocated(*A, uintptr_t(Block), 64, 0);
  EXPECT_EQ(H.wordOf(&Block[0]), 0u);
  H.read(*B, &Block[0], 8, 2);
  EXPECT_EQ(H.races(), 0u);
}

TEST_F(HeapShadow, FreeingAnotherThreadsUntouchedBlockIsNoRace) {
  allocate(*A, 64, 1);
  H.D.freedBy(*B, uintptr_t(Block), 64, H.line(2));
  EXPECT_EQ(H.races(), 0u);
}

TEST_F(HeapShadow, FreeAfterOwnWritesNamesTheFreeToALaterUse) {
  allocate(*A, 64, 1);
  for (int I = 0; I < 8; ++I)
    H.write(*A, &Block[I], 8, 2);
  H.D.freedBy(*A, uintptr_t(Block), 64, H.line(3));
  EXPECT_EQ(H.races(), 0u);
  H.read(*B, &Block[7], 8, 4);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(previousLine(0), 3u);
}

TEST_F(HeapShadow, FreeRacesWithAnotherThreadsUnorderedUse) {
  allocate(*A, 64, 1);
  H.write(*A, &Block[1], 8, 2);
  H.D.release(*A, uintptr_t(&Published));
  H.D.acquire(*B, uintptr_t(&Published));
  H.read(*B, &Block[1], 8, 3);
  H.D.freedBy(*A, uintptr_t(Block), 64, H.line(4));
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(previousLine(0), 3u);
}

TEST_F(HeapShadow, ARangeCheckReplacesTheAllocationOnEveryGranule) {
  allocate(*A, 512, 1);
  H.D.accessRange(*A, uintptr_t(Block), 512, /*Write=*/true, H.line(2));
  for (int I = 0; I < 64; ++I)
    EXPECT_FALSE(AccessWord(H.wordOf(&Block[I])).isFresh()) << I;
  H.read(*B, &Block[63], 8, 3);
  ASSERT_EQ(H.races(), 1u);
  EXPECT_EQ(previousLine(0), 2u);
}

TEST_F(HeapShadow, ARangeCheckCoversItsUnalignedEnds) {
  // Bytes 3 to 60: partial granules at both ends, whole ones between.
  char *Bytes = reinterpret_cast<char *>(Block);
  H.D.accessRange(*A, uintptr_t(Bytes + 3), 58, /*Write=*/true, H.line(1));
  H.read(*B, Bytes + 3, 1, 2);
  H.read(*B, Bytes + 32, 1, 3);
  H.read(*B, Bytes + 60, 1, 4);
  EXPECT_EQ(H.races(), 3u);
  // Outside the range on either side, nothing.
  H.read(*B, Bytes + 2, 1, 5);
  H.read(*B, Bytes + 61, 1, 6);
  EXPECT_EQ(H.races(), 3u);
}

TEST_F(HeapShadow, AReadRangeChecksAgainstEveryGranulesHistory) {
  H.write(*A, &Block[10], 8, 1);
  H.write(*A, &Block[20], 4, 2);
  H.D.accessRange(*B, uintptr_t(&Block[0]), 32 * 8, /*Write=*/false,
                  H.line(3));
  EXPECT_EQ(H.races(), 2u);
}

TEST_F(HeapShadow, ARangeCheckOverAFreshBlockStillChecksWhatOthersDidInIt) {
  allocate(*A, 512, 1);
  H.write(*B, &Block[45], 8, 2); // unordered with the allocation: a race
  ASSERT_EQ(H.races(), 1u);
  H.D.accessRange(*A, uintptr_t(Block), 512, /*Write=*/true, H.line(3));
  ASSERT_EQ(H.races(), 2u);
  EXPECT_EQ(previousLine(1), 2u);
  // Another thread's fill of A's new block is no takeover of its own.
  allocate(*A, 256, 4);
  H.D.accessRange(*B, uintptr_t(Block), 256, /*Write=*/true, H.line(5));
  EXPECT_EQ(H.races(), 3u);
}

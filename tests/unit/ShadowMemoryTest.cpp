#include "ShadowMemory.h"

#include <gtest/gtest.h>

using namespace racegate;

TEST(ShadowMemory, GranulesAreDistinctAndStable) {
  ShadowMemory S;
  uintptr_t A = 0x7f0000001000;
  ShadowCell *G0 = S.granule(A);
  EXPECT_EQ(S.granule(A + 7), G0);
  EXPECT_EQ(S.granule(A + 8), G0 + CellsPerGranule);
  EXPECT_NE(S.granule(A + ShadowMemory::RegionBytes), G0);
}

TEST(ShadowMemory, ResetForgetsAccesses) {
  ShadowMemory S;
  uintptr_t A = 0x5555000000;
  for (uintptr_t P = A; P < A + (1 << 20); P += 8)
    S.granule(P)->store(1);
  S.granule(A - 8)->store(1);
  S.reset(A, 1 << 20);
  EXPECT_EQ(S.granule(A)->load(), 0u);
  EXPECT_EQ(S.granule(A + (1 << 19))->load(), 0u);
  EXPECT_EQ(S.granule(A + (1 << 20) - 8)->load(), 0u);
  EXPECT_EQ(S.granule(A - 8)->load(), 1u); // outside the range
}

#include "VectorClock.h"

#include <gtest/gtest.h>

using racegate::VectorClock;

TEST(VectorClock, UnsetEntriesAreZero) {
  VectorClock C;
  EXPECT_EQ(C.get(7), 0u);
  C.set(3, 5);
  EXPECT_EQ(C.get(3), 5u);
  EXPECT_EQ(C.get(2), 0u);
}

TEST(VectorClock, JoinTakesPointwiseMaximum) {
  VectorClock A, B;
  A.set(0, 4);
  A.set(1, 1);
  B.set(1, 9);
  B.set(2, 2);
  A.join(B);
  EXPECT_EQ(A.get(0), 4u);
  EXPECT_EQ(A.get(1), 9u);
  EXPECT_EQ(A.get(2), 2u);
}

TEST(VectorClock, LessOrEqualIsHappensBefore) {
  VectorClock A, B;
  A.set(0, 1);
  B.set(0, 2);
  B.set(1, 1);
  EXPECT_TRUE(A.lessOrEqual(B));
  EXPECT_FALSE(B.lessOrEqual(A));
  A.set(2, 1);
  EXPECT_FALSE(A.lessOrEqual(B)); // concurrent
  EXPECT_FALSE(B.lessOrEqual(A));
}

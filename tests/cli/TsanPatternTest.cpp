#include "TsanPattern.h"

#include <gtest/gtest.h>

using namespace racegate;

TEST(TsanPattern, PlainPatternMatchesAnywhere) {
  EXPECT_TRUE(matchesTsanPattern("count", "increment_counter"));
  EXPECT_TRUE(matchesTsanPattern("increment", "increment"));
  EXPECT_FALSE(matchesTsanPattern("decrement", "increment_counter"));
}

TEST(TsanPattern, CaretAnchorsTheStart) {
  EXPECT_TRUE(matchesTsanPattern("^std::", "std::mutex::lock()"));
  EXPECT_FALSE(matchesTsanPattern("^mutex", "std::mutex::lock()"));
}

TEST(TsanPattern, DollarAnchorsTheEnd) {
  EXPECT_TRUE(matchesTsanPattern("lock()$", "std::mutex::lock()"));
  EXPECT_FALSE(matchesTsanPattern("mutex$", "std::mutex::lock()"));
  // The last piece sits at the end even when it also occurs earlier.
  EXPECT_TRUE(matchesTsanPattern("a$", "aba"));
  EXPECT_TRUE(matchesTsanPattern("^exact$", "exact"));
  EXPECT_FALSE(matchesTsanPattern("^exact$", "exactly"));
}

TEST(TsanPattern, StarsMatchAnyRunInOrder) {
  EXPECT_TRUE(matchesTsanPattern("Pool*grow", "Pool::grow(unsigned long)"));
  EXPECT_TRUE(matchesTsanPattern("^Pool::*(*)$", "Pool::size()"));
  EXPECT_FALSE(matchesTsanPattern("grow*Pool", "Pool::grow"));
  EXPECT_TRUE(matchesTsanPattern("*", "anything"));
  // Anchored pieces may not overlap.
  EXPECT_FALSE(matchesTsanPattern("^ab*ab$", "ab"));
  EXPECT_TRUE(matchesTsanPattern("^ab*ab$", "abab"));
}

TEST(TsanPattern, EmptyTextNeverMatches) {
  EXPECT_FALSE(matchesTsanPattern("*", ""));
  EXPECT_FALSE(matchesTsanPattern("x", ""));
}

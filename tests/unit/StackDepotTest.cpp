#include "ShadowStack.h"
#include "StackDepot.h"

#include <gtest/gtest.h>

using namespace racegate;

TEST(StackDepot, InterningIsIdempotent) {
  StackDepot D;
  StackId A = D.intern(0, 5);
  StackId B = D.intern(A, 6);
  EXPECT_NE(A, B);
  EXPECT_EQ(D.intern(0, 5), A);
  EXPECT_EQ(D.intern(A, 6), B);
  EXPECT_EQ(D.callSites(B), (std::vector<SiteId>{6, 5}));
}

TEST(ShadowStack, InternsLazilyAndFollowsPushPop) {
  StackDepot D;
  ShadowStack S;
  EXPECT_EQ(S.current(D), 0u);
  S.push(10);
  S.push(11);
  StackId Inner = S.current(D);
  EXPECT_EQ(D.callSites(Inner), (std::vector<SiteId>{11, 10}));
  S.pop();
  EXPECT_EQ(D.callSites(S.current(D)), (std::vector<SiteId>{10}));
  S.push(12);
  EXPECT_EQ(D.callSites(S.current(D)), (std::vector<SiteId>{12, 10}));
}

#include "ShadowStack.h"
#include "StackDepot.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

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

// Lookups take no lock: threads that race to intern the same nodes must all
// come away with the same ids, and no node may be made twice.
TEST(StackDepot, ConcurrentInternsAgreeOnIds) {
  StackDepot D;
  constexpr unsigned Threads = 4, Nodes = 20000;
  std::vector<std::vector<StackId>> Ids(Threads);
  std::vector<std::thread> Workers;
  for (unsigned T = 0; T < Threads; ++T)
    Workers.emplace_back([&, T] {
      // Each thread walks the same chains, from a different starting point,
      // so inserts and lookups of one node overlap.
      Ids[T].resize(Nodes);
      for (unsigned K = 0; K < Nodes; ++K) {
        unsigned I = (K + T * Nodes / Threads) % Nodes;
        StackId Parent = D.intern(0, 1000 + I / 100);
        Ids[T][I] = D.intern(Parent, 7 + I % 100);
      }
    });
  for (std::thread &W : Workers)
    W.join();
  std::set<StackId> Distinct(Ids[0].begin(), Ids[0].end());
  EXPECT_EQ(Distinct.size(), size_t(Nodes));
  for (unsigned T = 1; T < Threads; ++T)
    EXPECT_EQ(Ids[T], Ids[0]);
}

// The table grows while ids stay: every node still answers its parent and
// site, and interning it again finds it.
TEST(StackDepot, IdsSurviveGrowth) {
  StackDepot D;
  std::vector<std::pair<StackId, SiteId>> Keys;
  std::vector<StackId> Ids;
  StackId Parent = 0;
  for (unsigned I = 0; I < 200000; ++I) {
    SiteId Site = (I * 2654435761u) % 50000 + 1;
    // Some sites carry high bits, as pairs' do.
    if (I % 7 == 0)
      Site |= PairMarker;
    else if (I % 11 == 0)
      Site |= 1u << 31;
    StackId Id = D.intern(Parent, Site);
    ASSERT_NE(Id, Parent);
    Keys.push_back({Parent, Site});
    Ids.push_back(Id);
    // Deep chains and wide fan-outs both.
    Parent = I % 3 == 0 ? Id : Ids[I / 2];
  }
  for (size_t I = 0; I < Ids.size(); ++I) {
    EXPECT_EQ(D.parentOf(Ids[I]), Keys[I].first);
    EXPECT_EQ(D.siteOf(Ids[I]), Keys[I].second);
    EXPECT_EQ(D.intern(Keys[I].first, Keys[I].second), Ids[I]);
  }
}

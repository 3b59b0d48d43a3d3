#include "Explanations.h"
#include "FindingKinds.h"

#include <gtest/gtest.h>

using namespace racegate;

TEST(Explanations, EveryKindIsExplainedInFull) {
  for (std::string_view kind : findingKinds()) {
    auto explanation = explanationFor(kind);
    ASSERT_TRUE(explanation) << kind;
    EXPECT_EQ(explanation->kind, kind);
    EXPECT_FALSE(explanation->title.empty()) << kind;
    // Sentences, not placeholders.
    for (std::string_view text :
         {explanation->meaning, explanation->whyBug, explanation->fix})
      EXPECT_GT(text.size(), 40u) << kind;
  }
  EXPECT_FALSE(explanationFor("quantum_race"));
}

TEST(Explanations, FixesUseTheSeedsRemedies) {
  auto fixOf = [](std::string_view kind) {
    return std::string(explanationFor(kind)->fix);
  };
  EXPECT_NE(fixOf("data_race").find("critical section"), std::string::npos);
  EXPECT_NE(fixOf("data_race").find("std::lock_guard"), std::string::npos);
  EXPECT_NE(fixOf("lock_order_inversion").find("global lock order"),
            std::string::npos);
  EXPECT_NE(fixOf("lock_order_inversion").find("std::scoped_lock"),
            std::string::npos);
  EXPECT_NE(fixOf("stall").find("predicate loop"), std::string::npos);
  EXPECT_NE(fixOf("stall").find("remembers a missed signal"),
            std::string::npos);
  EXPECT_NE(fixOf("lock_leak").find("RAII"), std::string::npos);
}

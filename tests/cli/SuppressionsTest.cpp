#include "Suppressions.h"
#include "Diagnostics.h"
#include "Report.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {

bool suppresses(const std::string &rules, const Json &record) {
  Suppressions suppressions = Suppressions::parse(rules, "test.supp");
  return suppressions.match(makeReportFinding(record)) != nullptr;
}

std::string parseError(const std::string &text) {
  try {
    Suppressions::parse(text, "test.supp");
  } catch (const ToolError &error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(Suppressions, ParsesTsanSyntaxWithCommentsAndBlankLines) {
  Suppressions suppressions = Suppressions::parse(
      "# known races\n\n  race:^increment$  \nmutex:unlock\r\n", "s");
  ASSERT_EQ(suppressions.rules().size(), 2u);
  EXPECT_EQ(suppressions.rules()[0].type, "race");
  EXPECT_EQ(suppressions.rules()[0].pattern, "^increment$");
  EXPECT_EQ(suppressions.rules()[0].line, 3u);
  EXPECT_EQ(suppressions.rules()[1].pattern, "unlock");
}

TEST(Suppressions, BadLinesNameFileAndLine) {
  EXPECT_EQ(parseError("race:x\nrace_bottom:y\n"),
            "test.supp:2: unknown suppression type 'race_bottom' (expected "
            "race, race_top, deadlock, mutex, thread, called_from_lib, signal "
            "or src)");
  EXPECT_EQ(parseError("increment\n"),
            "test.supp:1: expected TYPE:PATTERN, got 'increment'");
  EXPECT_EQ(parseError("race:\n"), "test.supp:1: empty pattern after 'race:'");
}

TEST(Suppressions, RaceMatchesAnyFrameOfEitherAccess) {
  EXPECT_TRUE(suppresses("race:increment\n", standardRace()));
  EXPECT_TRUE(suppresses("race:worker(void*)\n", standardRace()));
  EXPECT_TRUE(suppresses("race:_Z6workerPv\n", standardRace()));
  EXPECT_TRUE(suppresses("race:counter.cpp\n", standardRace()));
  EXPECT_FALSE(suppresses("race:decrement\n", standardRace()));
  // The type must fit the kind: race rules leave deadlocks alone.
  EXPECT_FALSE(suppresses("race:transferAB\n", lockDeadlock()));
}

TEST(Suppressions, RaceMatchesTheGlobalsNameAsInTsan) {
  EXPECT_TRUE(suppresses("race:^counter$\n", standardRace()));
}

TEST(Suppressions, RaceTopLooksAtTheInnermostFrameOnly) {
  EXPECT_TRUE(suppresses("race_top:^increment\n", standardRace()));
  EXPECT_FALSE(suppresses("race_top:worker\n", standardRace()));
}

TEST(Suppressions, DeadlockCoversLockCyclesAndHangs) {
  EXPECT_TRUE(suppresses("deadlock:transferBA\n", lockOrderInversion()));
  EXPECT_TRUE(suppresses("deadlock:transferBA\n", lockDeadlock()));
  EXPECT_FALSE(suppresses("deadlock:transferBA\n",
                          misuse("unlock_not_owned", 1, "0x8")));
}

TEST(Suppressions, MutexCoversMisuse) {
  EXPECT_TRUE(suppresses("mutex:unlock\n", misuse("double_unlock", 0, "0x8")));
  EXPECT_FALSE(suppresses("mutex:increment\n", standardRace()));
}

TEST(Suppressions, ThreadMatchesCreationStacks) {
  // standardRace's threads were created in main (/src/app/main.c).
  EXPECT_TRUE(suppresses("thread:^main$\n", standardRace()));
  EXPECT_FALSE(suppresses("thread:increment\n", standardRace()));
}

TEST(Suppressions, CalledFromLibMatchesTheInnermostFramesFile) {
  EXPECT_TRUE(
      suppresses("called_from_lib:/src/app/counter.cpp\n", standardRace()));
  EXPECT_FALSE(suppresses("called_from_lib:glibc\n", standardRace()));
}

TEST(Suppressions, SrcGlobMatchesAnyFrameFileForAnyKind) {
  EXPECT_TRUE(suppresses("src:*/app/bank.cpp\n", lockDeadlock()));
  EXPECT_TRUE(suppresses("src:app/*.cpp\n", standardRace()));
  EXPECT_TRUE(suppresses("src:m.c\n", misuse("lock_leak", 1, "0x8")));
  EXPECT_FALSE(suppresses("src:/app/*\n", standardRace()));
  EXPECT_FALSE(suppresses("src:*.h\n", standardRace()));
}

TEST(Suppressions, SourceGlobRules) {
  EXPECT_TRUE(matchesSourceGlob("/src/*", "/src/app/counter.cpp"));
  EXPECT_TRUE(matchesSourceGlob("counter.cpp", "/src/app/counter.cpp"));
  EXPECT_TRUE(matchesSourceGlob("app/counter.?pp", "/src/app/counter.cpp"));
  EXPECT_TRUE(
      matchesSourceGlob("/usr/include/*", "/usr/bin/../include/c++/12/mutex"));
  EXPECT_FALSE(matchesSourceGlob("pp/counter.cpp", "/src/app/counter.cpp"));
  EXPECT_FALSE(matchesSourceGlob("*", ""));
}

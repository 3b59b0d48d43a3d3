#include "TextFormat.h"
#include "Gate.h"
#include "Report.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;


TEST(TextFormat, NoFindings) {
  EXPECT_EQ(formatTextReport(reportOf({}), false), "racegate: no findings\n");
}

TEST(TextFormat, DataRaceInCompilerStyle) {
  Json record = standardRace();
  record["threads"] = Json::array(); // creation notes are tested separately
  EXPECT_EQ(
      formatTextReport(reportOf({record}), false),
      "/src/app/counter.cpp:12:7: error: data race on 'counter' (global): "
      "write of size 4 by thread 2 vs previous write of size 4 by thread 1 "
      "[data_race]\n"
      "/src/app/counter.cpp:12:7: note: write of size 4 (thread 2)\n"
      "  #0 increment() /src/app/counter.cpp:12:7\n"
      "  #1 worker(void*) /src/app/counter.cpp:20:3\n"
      "  #2 start_thread /build/glibc/pthread_create.c:442:3\n"
      "/src/app/counter.cpp:12:7: note: previous write of size 4 (thread 1)\n"
      "  #0 increment() /src/app/counter.cpp:12:7\n"
      "  #1 worker(void*) /src/app/counter.cpp:20:3\n"
      "  #2 start_thread /build/glibc/pthread_create.c:442:3\n"
      "/src/app/counter.cpp:3:0: note: 'counter' is declared here\n"
      "\n"
      "racegate: 1 finding (1 data_race)\n");
}

TEST(TextFormat, ThreadCreationNotesAndMergeCount) {
  std::string text =
      formatTextReport(reportOf({standardRace(), standardRace()}), false);
  EXPECT_NE(text.find("/src/app/counter.cpp:12:7: note: reported 2 times"),
            std::string::npos);
  EXPECT_NE(text.find("/src/app/main.c:30:3: note: thread 2 created by "
                      "thread 0\n  #0 main /src/app/main.c:30:3\n"),
            std::string::npos);
}

TEST(TextFormat, SeveralFindingsAreSeparatedAndSummarised) {
  Json deadlock{{"kind", "deadlock"}, {"stacks", Json::array()}};
  ProgramInfo program;
  program.signal = "SIGABRT";
  std::string text = formatTextReport(
      reportOf({makeTimeoutRecord(2), deadlock}, program), false);
  EXPECT_EQ(text, "<unknown>:0:0: error: timeout: the program was still "
                  "running after 2 s [timeout]\n"
                  "\n"
                  "<unknown>:0:0: error: deadlock [deadlock]\n"
                  "\n"
                  "racegate: the program timed out\n"
                  "racegate: 2 findings (1 deadlock, 1 timeout)\n");
}

TEST(TextFormat, InlinedFramesAreMarked) {
  Json record = standardRace();
  record["stacks"][0]["frames"][0]["inlined"] = true;
  EXPECT_NE(formatTextReport(reportOf({record}), false)
                .find("  #0 increment() /src/app/counter.cpp:12:7 (inlined)\n"),
            std::string::npos);
}

TEST(TextFormat, ColourOnlyWhenAsked) {
  Json report = reportOf({standardRace()});
  EXPECT_EQ(formatTextReport(report, false).find('\x1b'), std::string::npos);
  std::string coloured = formatTextReport(report, true);
  EXPECT_NE(coloured.find("\x1b[1;31merror:\x1b[0m"), std::string::npos);
}

TEST(TextFormat, SystemHeaderFramesCollapseAndNotesPointAtUserCode) {
  std::string text = formatTextReport(reportOf({lockOrderInversion()}), false);
  EXPECT_NE(text.find("/src/app/bank.cpp:17:3: error: lock-order inversion"),
            std::string::npos);
  EXPECT_NE(text.find("/src/app/bank.cpp:16:3: note: acquired lock 0xa0 here "
                      "(thread 1)\n"
                      "  #0-#1 (2 frames in system headers)\n"
                      "  #2 transferAB() /src/app/bank.cpp:16:3\n"),
            std::string::npos);
  // Descriptions that already name their thread are not told it again.
  EXPECT_NE(text.find("note: requests lock 0xa0 while holding lock 0xb0 "
                      "(thread 2)\n"),
            std::string::npos);
  Json deadlock = reportOf({lockDeadlock()});
  EXPECT_EQ(formatTextReport(deadlock, false).find("(thread 1)"),
            std::string::npos);
}

TEST(TextFormat, FindingsThatDoNotFailAreWarnings) {
  Json report = reportOf({standardRace(), lockOrderInversion()});
  Gate gate;
  gate.failOn = {"lock_order_inversion"};
  gate.baseline = std::unordered_set<std::string>{
      report["findings"][1]["fingerprint"].get<std::string>()};
  gate.baselineFile = "old.json";
  applyGate(report, gate);
  std::string text = formatTextReport(report, false);
  EXPECT_NE(text.find(": warning: data race on 'counter' (global): write of "
                      "size 4 by thread 2 vs previous write of size 4 by "
                      "thread 1 [data_race, not gated]\n"),
            std::string::npos);
  EXPECT_NE(text.find(": warning: lock-order inversion: thread 1 takes 0xa0 "
                      "then 0xb0, thread 2 the reverse [lock_order_inversion, "
                      "in the baseline]\n"),
            std::string::npos);
  EXPECT_NE(text.find("racegate: 2 findings (1 data_race, 1 "
                      "lock_order_inversion); 1 in the baseline, 0 fail the "
                      "gate\n"),
            std::string::npos);
}

TEST(TextFormat, SuppressedFindingsAreCounted) {
  Json report = reportOf({standardRace()});
  Gate gate;
  gate.suppressions = Suppressions::parse("race:increment\n", "s.supp");
  applyGate(report, gate);
  EXPECT_EQ(formatTextReport(report, false),
            "racegate: no findings; 1 suppressed\n");
}

TEST(TextFormat, HungProgramEndedByTheRuntimeIsSaid) {
  ProgramInfo program;
  program.exitCode = 86;
  std::string text =
      formatTextReport(reportOf({lockDeadlock()}, program), false);
  EXPECT_NE(text.find("racegate: the program could make no more progress and "
                      "was ended (exit status 86)\n"),
            std::string::npos);
}

#include "Report.h"
#include "Gate.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {

FindingsStream streamOf(std::initializer_list<Json> records) {
  FindingsStream stream;
  stream.hasStart = true;
  for (const Json &record : records) {
    Json finding = record;
    finding.erase("type");
    stream.findings.add(makeFinding(finding));
  }
  return stream;
}

} // namespace

TEST(Report, FindingIsDemangledWithLinkageNameKept) {
  Json finding = makeReportFinding(standardRace());
  const Json &top = finding["stacks"][0]["frames"][0];
  EXPECT_EQ(top["function"], "increment()");
  EXPECT_EQ(top["linkage_name"], "_Z9incrementv");
  // Unmangled names get no linkage_name.
  EXPECT_FALSE(finding["stacks"][0]["frames"][2].contains("linkage_name"));
  // Frames outside `stacks` are demangled too.
  EXPECT_EQ(finding["threads"][0]["creation_stack"][0]["function"], "main");
  EXPECT_FALSE(finding.contains("type"));
}

TEST(Report, LocationIsTopFrameOfFirstStack) {
  Json finding = makeReportFinding(standardRace());
  EXPECT_EQ(finding["location"], (Json{{"file", "/src/app/counter.cpp"},
                                       {"line", 12},
                                       {"column", 7},
                                       {"function", "increment()"}}));
}

TEST(Report, LocationSkipsSystemHeaderFrames) {
  // The first frames are std::mutex's; an editor should open the user's call.
  Json finding = makeReportFinding(lockOrderInversion());
  EXPECT_EQ(finding["location"], (Json{{"file", "/src/app/bank.cpp"},
                                       {"line", 17},
                                       {"column", 3},
                                       {"function", "transferAB()"}}));
}

TEST(Report, LocationWithoutFramesIsUnknown) {
  Json finding = makeReportFinding(makeTimeoutRecord(5));
  EXPECT_EQ(finding["location"],
            (Json{{"file", ""}, {"line", 0}, {"column", 0}, {"function", ""}}));
  EXPECT_EQ(finding["message"],
            "timeout: the program was still running after 5 s");
  EXPECT_EQ(finding["timeout"],
            (Json{{"seconds", 5}, {"threads", Json::array()}}));
}

TEST(Report, NewFindingsFailTheDefaultGate) {
  Json finding = makeReportFinding(standardRace());
  EXPECT_EQ(finding["baseline"], false);
  EXPECT_EQ(finding["fails_gate"], true);
}

TEST(Report, IncompleteFramesAreFilledIn) {
  Json record{
      {"kind", "deadlock"},
      {"stacks",
       Json::array({Json{{"frames", Json::array({Json{{"function", 3}}})}}})}};
  Json top = makeReportFinding(record)["stacks"][0]["frames"][0];
  EXPECT_EQ(
      top,
      (Json{{"function", "??"}, {"file", ""}, {"line", 0}, {"column", 0}}));
}

TEST(Report, EqualFingerprintsMergeAndCount) {
  FindingsStream stream =
      streamOf({standardRace(), dataRace({4, "write", 13}, {3, "write", 12}),
                dataRace({2, "write", 12, "_Z5resetv"}, {1, "write", 12})});
  Json report = reportJson(buildReport(stream, {}));
  ASSERT_EQ(report["findings"].size(), 2u);
  EXPECT_EQ(report["findings"][0]["count"], 2);
  EXPECT_EQ(report["findings"][1]["count"], 1);
  // The first record is the one kept.
  EXPECT_EQ(report["findings"][0]["stacks"][0]["thread"], 2);
  EXPECT_EQ(report["summary"]["total"], 2);
  EXPECT_EQ(report["summary"]["by_kind"], (Json{{"data_race", 2}}));
}

TEST(Report, ProgramAndToolSections) {
  ProgramInfo program;
  program.command = {"./a.out", "-n", "3"};
  program.signal = "SIGSEGV";
  Json report = reportJson(buildReport(streamOf({}), program));
  EXPECT_EQ(report["schema_version"], "2.0");
  EXPECT_EQ(report["tool"], (Json{{"name", "racegate"}, {"version", "0.1.0"}}));
  EXPECT_EQ(report["program"], (Json{{"command", {"./a.out", "-n", "3"}},
                                     {"exit_code", nullptr},
                                     {"signal", "SIGSEGV"},
                                     {"timed_out", false}}));
  EXPECT_EQ(report["summary"], (Json{{"total", 0},
                                     {"by_kind", Json::object()},
                                     {"failing", 0},
                                     {"baseline", 0},
                                     {"suppressed", 0}}));
  EXPECT_EQ(exitCodeForReport(report), 0);
}

TEST(Report, TimeoutFindingMarksProgramTimedOut) {
  Json report = reportJson(buildReport(streamOf({makeTimeoutRecord(3)}), {}));
  EXPECT_TRUE(report["program"]["timed_out"].get<bool>());
  EXPECT_EQ(exitCodeForReport(report), 1);
}

TEST(Report, ByKindCountsEachKind) {
  Json deadlock{{"kind", "deadlock"}, {"stacks", Json::array()}};
  Json report = reportJson(buildReport(
      streamOf({standardRace(), deadlock, makeTimeoutRecord(1)}), {}));
  EXPECT_EQ(report["summary"]["by_kind"],
            (Json{{"data_race", 1}, {"deadlock", 1}, {"timeout", 1}}));
}

TEST(Report, TopLevelKeysInDocumentedOrder) {
  Json report = reportJson(buildReport(streamOf({standardRace()}), {}));
  std::vector<std::string> keys;
  for (const auto &[key, value] : report.items())
    keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"schema_version", "tool", "program",
                                            "gate", "findings", "summary"}));
}

#include "Gate.h"
#include "Diagnostics.h"
#include "FindingCollector.h"
#include "Report.h"
#include "ReportFile.h"
#include "TempDir.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>

using namespace racegate;
using namespace racegate::test;

namespace {

std::string fingerprintOf(const Json &record) {
  return makeReportFinding(record)["fingerprint"].get<std::string>();
}

std::filesystem::path writeFile(const TempDir &dir, const std::string &name,
                                const std::string &text) {
  std::filesystem::path path = dir.path() / name;
  std::ofstream(path) << text;
  return path;
}

std::string errorOf(const std::function<void()> &action) {
  try {
    action();
  } catch (const ToolError &error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(Gate, FailOnParsesKindsAllAndNone) {
  EXPECT_EQ(parseFailOn("all"), Gate::allKinds());
  EXPECT_TRUE(parseFailOn("none").empty());
  EXPECT_EQ(parseFailOn("data_race,deadlock"),
            (std::set<std::string>{"data_race", "deadlock"}));
  std::string error = errorOf([] { parseFailOn("data_race,races"); });
  EXPECT_NE(error.find("unknown finding kind 'races'"), std::string::npos);
  EXPECT_NE(error.find("lock_order_inversion"), std::string::npos);
}

TEST(Gate, DefaultIsEveryKindButTheNotes) {
  std::set<std::string> kinds = parseFailOn("default");
  EXPECT_FALSE(kinds.contains("lock_order_violation"));
  EXPECT_TRUE(kinds.contains("lock_order_inversion"));
  EXPECT_EQ(kinds.size() + 1, Gate::allKinds().size());
  EXPECT_TRUE(parseFailOn("all").contains("lock_order_violation"));
}

TEST(Gate, ALockOrderViolationDoesNotFailTheDefaultGate) {
  Json report = reportOf({lockOrderViolation("ordered")});
  EXPECT_EQ(report["summary"]["failing"], 0);
  EXPECT_EQ(exitCodeForReport(report), 0);
  Gate gate;
  gate.failOn = parseFailOn("lock_order_violation");
  applyGate(report, gate);
  EXPECT_EQ(exitCodeForReport(report), ExitFindings);
}

TEST(Gate, AnInversionOfTheSameCycleSupersedesItsViolation) {
  // Same locks.
  Json report = reportOf({lockOrderViolation("single_thread"),
                          lockOrderInversion()});
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["kind"], "lock_order_inversion");
  // Other locks, same code.
  Json other = lockOrderViolation("single_thread");
  other["cycle"][0]["holds"] = other["cycle"][1]["requests"] = "0xd0";
  report = reportOf({lockOrderInversion(), other});
  EXPECT_EQ(report["findings"].size(), 1u);
  // Other locks and other code: both stay.
  other["stacks"][0]["frames"][2]["line"] = 99; // the user's frame
  report = reportOf({lockOrderInversion(), other});
  EXPECT_EQ(report["findings"].size(), 2u);
}

TEST(Gate, ByDefaultEveryFindingFails) {
  Json report = reportOf({standardRace(), lockDeadlock()});
  EXPECT_EQ(report["summary"]["failing"], 2);
  EXPECT_EQ(exitCodeForReport(report), ExitFindings);
}

TEST(Gate, FailOnLimitsWhichKindsFail) {
  Json report = reportOf({standardRace(), lockDeadlock()});
  Gate gate;
  gate.failOn = {"deadlock"};
  applyGate(report, gate);
  EXPECT_EQ(report["findings"][0]["fails_gate"], false);
  EXPECT_EQ(report["findings"][1]["fails_gate"], true);
  EXPECT_EQ(report["gate"]["fail_on"], Json::array({"deadlock"}));
  EXPECT_EQ(exitCodeForReport(report), ExitFindings);
  gate.failOn = {"stall"};
  applyGate(report, gate);
  EXPECT_EQ(report["summary"]["failing"], 0);
  EXPECT_EQ(report["summary"]["total"], 2);
  EXPECT_EQ(exitCodeForReport(report), ExitNoFindings);
}

TEST(Gate, BaselineFindingsAreListedButDoNotFail) {
  Json report = reportOf({standardRace(), lockDeadlock()});
  Gate gate;
  gate.baseline =
      std::unordered_set<std::string>{fingerprintOf(standardRace())};
  gate.baselineFile = "base.json";
  applyGate(report, gate);
  ASSERT_EQ(report["findings"].size(), 2u);
  EXPECT_EQ(report["findings"][0]["baseline"], true);
  EXPECT_EQ(report["findings"][0]["fails_gate"], false);
  EXPECT_EQ(report["findings"][1]["baseline"], false);
  EXPECT_EQ(report["summary"]["baseline"], 1);
  EXPECT_EQ(report["summary"]["failing"], 1);
  EXPECT_EQ(report["gate"]["baseline"], "base.json");
}

TEST(Gate, SuppressedFindingsLeaveTheReportAndAreCounted) {
  Json report = reportOf({standardRace(), lockDeadlock()});
  Gate gate;
  gate.suppressions = Suppressions::parse("deadlock:transfer\n", "s");
  gate.suppressionsFile = "s";
  applyGate(report, gate);
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["kind"], "data_race");
  EXPECT_EQ(report["summary"]["suppressed"], 1);
  // Applying the gate again (as merge does) keeps the earlier count.
  gate.suppressions = Suppressions::parse("race:counter\n", "s");
  applyGate(report, gate);
  EXPECT_TRUE(report["findings"].empty());
  EXPECT_EQ(report["summary"]["suppressed"], 2);
  EXPECT_EQ(exitCodeForReport(report), ExitNoFindings);
}

TEST(Gate, BaselineFileIsReadFromAnEarlierReport) {
  TempDir dir;
  Json earlier = reportOf({standardRace()});
  auto path = writeFile(dir, "base.json", earlier.dump());
  auto fingerprints = readBaseline(path);
  EXPECT_EQ(fingerprints,
            (std::unordered_set<std::string>{fingerprintOf(standardRace())}));
}

TEST(Gate, BadBaselinesAreToolErrors) {
  TempDir dir;
  EXPECT_NE(errorOf([&] {
              readBaseline(dir.path() / "missing.json");
            }).find("cannot read baseline"),
            std::string::npos);
  auto notJson = writeFile(dir, "a.json", "{");
  EXPECT_NE(errorOf([&] { readBaseline(notJson); }).find("is not valid JSON"),
            std::string::npos);
  auto notReport = writeFile(dir, "b.json", R"({"runs": []})");
  EXPECT_NE(errorOf([&] {
              readBaseline(notReport);
            }).find("is not a racegate JSON report"),
            std::string::npos);
  Json old = reportOf({standardRace()});
  old["schema_version"] = "1.0";
  auto oldReport = writeFile(dir, "c.json", old.dump());
  EXPECT_NE(
      errorOf([&] { readBaseline(oldReport); }).find("has schema version 1.0"),
      std::string::npos);
}

TEST(FindingCollector, MergesByFingerprintSummingCounts) {
  Json first = makeReportFinding(standardRace());
  first["count"] = 2;
  Json again = makeReportFinding(dataRace({5, "write", 14}, {4, "write", 12}));
  again["count"] = 3;
  again["baseline"] = true;
  FindingCollector collector;
  collector.add(first);
  collector.add(makeReportFinding(lockDeadlock()));
  collector.add(again);
  Json findings = collector.take();
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0]["count"], 5);
  EXPECT_EQ(findings[0]["baseline"], true);
  // The first occurrence is the one kept.
  EXPECT_EQ(findings[0]["stacks"][0]["thread"], 2);
}

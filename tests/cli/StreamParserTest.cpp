#include "Diagnostics.h"
#include "FindingsStream.h"

#include <gtest/gtest.h>

using namespace racegate;

namespace {

const char *kStart = R"({"type":"start","pid":1,"stream_version":1})";
const char *kFinding =
    R"({"type":"finding","kind":"deadlock","stacks":[],"threads":[]})";

std::string lines(std::initializer_list<std::string> items) {
  std::string text;
  for (const std::string &item : items)
    text += item + "\n";
  return text;
}

std::string errorOf(const std::string &text) {
  try {
    parseFindingsStream(text, "s.jsonl");
  } catch (const ToolError &error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(StreamParser, ReadsStartFindingsAndExit) {
  FindingsStream stream = parseFindingsStream(
      lines({kStart, kFinding, R"({"type":"exit","status":4})"}), "s");
  EXPECT_TRUE(stream.hasStart);
  ASSERT_EQ(stream.exitStatus, 4);
  ASSERT_EQ(stream.findings.size(), 1u);
  EXPECT_EQ(stream.findings[0]["kind"], "deadlock");
  EXPECT_FALSE(stream.findings[0].contains("type"));
  EXPECT_TRUE(stream.warnings.empty());
}

TEST(StreamParser, EmptyStreamHasNoStart) {
  FindingsStream stream = parseFindingsStream("", "s");
  EXPECT_FALSE(stream.hasStart);
  EXPECT_TRUE(stream.findings.empty());
}

TEST(StreamParser, SkipsBlankLinesAndUnknownTypes) {
  FindingsStream stream = parseFindingsStream(
      lines({kStart, "", "  ", R"({"type":"heartbeat"})", kFinding}), "s");
  EXPECT_EQ(stream.findings.size(), 1u);
}

TEST(StreamParser, CorruptLineNamesFileAndLine) {
  EXPECT_EQ(
      errorOf(lines({kStart, "{not json"}))
          .rfind("corrupt findings stream s.jsonl line 2: not valid JSON", 0),
      0u);
}

TEST(StreamParser, RecordWithoutTypeIsCorrupt) {
  EXPECT_EQ(errorOf(lines({kStart, R"({"kind":"data_race"})"})),
            "corrupt findings stream s.jsonl line 2: record has no \"type\"");
  EXPECT_EQ(errorOf(lines({"[1,2]"})),
            "corrupt findings stream s.jsonl line 1: record has no \"type\"");
  EXPECT_EQ(errorOf(lines({R"({"type":7})"})),
            "corrupt findings stream s.jsonl line 1: record has no \"type\"");
}

TEST(StreamParser, FindingWithoutKindIsCorrupt) {
  EXPECT_EQ(errorOf(lines({R"({"type":"finding"})"})),
            "corrupt findings stream s.jsonl line 1: finding has no \"kind\"");
}

TEST(StreamParser, UnterminatedGarbledLastLineIsDroppedWithWarning) {
  FindingsStream stream = parseFindingsStream(
      lines({kStart, kFinding}) + R"({"type":"finding","ki)", "s.jsonl");
  EXPECT_EQ(stream.findings.size(), 1u);
  ASSERT_EQ(stream.warnings.size(), 1u);
  EXPECT_NE(stream.warnings[0].find("line 3"), std::string::npos);
}

TEST(StreamParser, UnterminatedButCompleteLastLineIsKept) {
  FindingsStream stream = parseFindingsStream(lines({kStart}) + kFinding, "s");
  EXPECT_EQ(stream.findings.size(), 1u);
  EXPECT_TRUE(stream.warnings.empty());
}

TEST(StreamParser, GarbledLineFollowedByNewlineIsStillCorrupt) {
  // Only a kill mid-write excuses a bad line, and that can only be the last.
  std::string text = lines({kStart, R"({"type":"fi)", kFinding});
  EXPECT_NE(errorOf(text).find("line 2"), std::string::npos);
}

TEST(StreamParser, UnknownKindIsKeptWithWarning) {
  FindingsStream stream = parseFindingsStream(
      lines({R"({"type":"finding","kind":"quantum_race"})"}), "s");
  EXPECT_EQ(stream.findings.size(), 1u);
  EXPECT_EQ(stream.warnings.size(), 1u);
}

TEST(StreamParser, MistypedStacksAreCorrupt) {
  EXPECT_NE(
      errorOf(lines({R"({"type":"finding","kind":"deadlock","stacks":3})"}))
          .find("\"stacks\" is not an array"),
      std::string::npos);
}

TEST(StreamParser, MissingFileIsAToolError) {
  EXPECT_THROW(readFindingsStream("/nonexistent/racegate/stream.jsonl"),
               ToolError);
}

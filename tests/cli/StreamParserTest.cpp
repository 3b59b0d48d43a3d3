#include "Diagnostics.h"
#include "FindingsStream.h"
#include "racegate/StreamMac.h"

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
  EXPECT_EQ(Json(stream.findings.findings()[0])["kind"], "deadlock");
  EXPECT_FALSE(Json(stream.findings.findings()[0]).contains("type"));
  EXPECT_TRUE(stream.warnings.empty());
}

TEST(StreamParser, EmptyStreamHasNoStart) {
  FindingsStream stream = parseFindingsStream("", "s");
  EXPECT_FALSE(stream.hasStart);
  EXPECT_TRUE((stream.findings.size() == 0));
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

// A kind this racegate cannot gate on must not pass the gate silently.
TEST(StreamParser, UnknownKindIsAnError) {
  EXPECT_NE(errorOf(lines({R"({"type":"finding","kind":"quantum_race"})"}))
                .find("unknown finding kind 'quantum_race'"),
            std::string::npos);
}

TEST(StreamParser, UnknownStreamVersionIsAnError) {
  EXPECT_NE(errorOf(lines({R"({"type":"start","stream_version":3})"}))
                .find("unknown stream version 3"),
            std::string::npos);
  EXPECT_NE(errorOf(lines({R"({"type":"start","stream_version":"2"})"}))
                .find("unknown stream version"),
            std::string::npos);
}

TEST(StreamParser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = R"({"type":"finding","kind":"deadlock","x":)" +
                     std::string(50000, '[') + std::string(50000, ']') + "}";
  EXPECT_NE(errorOf(lines({kStart, deep})).find("nested deeper than"),
            std::string::npos);
}

TEST(StreamParser, NumberOutOfRangeIsAnError) {
  std::string error = errorOf(
      lines({kStart, R"({"type":"finding","kind":"deadlock","x":1e999})"}));
  EXPECT_NE(error.find("out of range"), std::string::npos) << error;
  EXPECT_EQ(error.find("internal"), std::string::npos);
}

// The runtime writes a path's bytes as they are; the CLI must not reject
// its own runtime's stream for a file name in another encoding.
TEST(StreamParser, NonUtf8BytesInStringsAreEscaped) {
  std::string record =
      "{\"type\":\"finding\",\"kind\":\"deadlock\",\"stacks\":[{"
      "\"thread\":1,\"description\":\"d\",\"frames\":[{\"function\":"
      "\"f\",\"file\":\"/src/caf\xe9.c\",\"line\":1,\"column\":1}]}]}";
  FindingsStream stream = parseFindingsStream(lines({kStart, record}), "s");
  ASSERT_EQ(stream.findings.size(), 1u);
  EXPECT_EQ(stream.findings.findings()[0].stacks[0].frames[0].file.str(),
            "/src/caf\\xE9.c");
}

TEST(StreamParser, GarbageWithoutNewlineIsAnError) {
  EXPECT_NE(errorOf(std::string("\x7f\x45LF\x01\x02garbage", 13)), "");
  EXPECT_NE(errorOf(std::string(4096, '\0')), "");
}

TEST(StreamParser, RepeatsAreCountedNotStored) {
  FindingsStream stream = parseFindingsStream(
      lines({kStart, kFinding, kFinding, kFinding}), "s");
  ASSERT_EQ(stream.findings.size(), 1u);
  EXPECT_EQ(stream.findings.findings()[0].count, 3);
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

namespace {
const char *kKey = "000102030405060708090a0b0c0d0e0f";

// A record as the runtime writes it with the key.
std::string signedRecord(const std::string &body) {
  streammac::Key key;
  streammac::parseKey(kKey, key);
  char mac[streammac::MacDigits];
  streammac::toHex(streammac::sipHash(key, body), mac);
  return std::string(streammac::Prefix) + std::string(mac, sizeof mac) +
         "\"," + body;
}
} // namespace

TEST(StreamParser, SipHashMatchesTheReferenceVector) {
  streammac::Key key;
  ASSERT_TRUE(streammac::parseKey(kKey, key));
  // SipHash-2-4 of the empty message under key 00 01 .. 0f.
  EXPECT_EQ(streammac::sipHash({0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull},
                               ""),
            0x726fdb47dd0e0e31ull);
}

TEST(StreamParser, AuthenticatedRecordsAreAccepted) {
  FindingsStream stream = parseFindingsStream(
      lines({signedRecord(R"("seq":0,"pid":7,"type":"start","stream_version":2})"),
             signedRecord(R"("seq":1,"pid":7,"type":"finding","kind":"deadlock","stacks":[],"threads":[]})")}),
      "s", kKey);
  EXPECT_TRUE(stream.integrityProblem.empty()) << stream.integrityProblem;
  ASSERT_EQ(stream.findings.size(), 1u);
  EXPECT_FALSE(stream.findings.findings()[0].details.contains("mac"));
}

TEST(StreamParser, AForgedRecordIsLeftOutAndFlagged) {
  std::string start =
      signedRecord(R"("seq":0,"pid":7,"type":"start","stream_version":2})");
  // Well numbered, but without the key's code, or with another record's.
  for (const std::string &forged :
       {std::string(R"({"seq":1,"pid":7,"type":"finding","kind":"deadlock","stacks":[],"threads":[]})"),
        start.substr(0, 26) +
            R"("seq":1,"pid":7,"type":"finding","kind":"deadlock","stacks":[],"threads":[]})"}) {
    FindingsStream stream =
        parseFindingsStream(lines({start, forged}), "s", kKey);
    EXPECT_EQ(stream.findings.size(), 0u);
    EXPECT_NE(stream.integrityProblem.find("did not write"),
              std::string::npos)
        << stream.integrityProblem;
  }
}

TEST(StreamParser, WarningRecordsBecomeWarnings) {
  FindingsStream stream = parseFindingsStream(
      lines({kStart, R"({"type":"warning","kind":"threads_unchecked","message":"not checked"})"}),
      "s");
  ASSERT_EQ(stream.warnings.size(), 1u);
  EXPECT_EQ(stream.warnings[0], "not checked");
}

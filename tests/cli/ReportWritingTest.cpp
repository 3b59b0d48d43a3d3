// The streaming writers and readers of reports agree with the document
// model: what the JSON writer streams is the report's tree, and a report
// read back piece by piece holds the same findings in any JSON layout.

#include "JsonBytes.h"
#include "FindingReader.h"
#include "JsonFormat.h"
#include "JsonWriter.h"
#include "ReportFile.h"
#include "ReportOutput.h"
#include "SarifFormat.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <fstream>
#include <unistd.h>

using namespace racegate;
using namespace racegate::test;

namespace {

Json everyKind() {
  return reportOf({standardRace(), lockOrderInversion(), lockDeadlock(),
                   misuse("double_unlock", 2, "0x10")});
}

std::string written(const std::function<void(JsonWriter &)> &write) {
  StringSink sink;
  {
    JsonWriter out(sink);
    write(out);
  }
  return sink.take();
}

std::vector<Finding> readBack(const std::string &text) {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("racegate-report-" + std::to_string(getpid()) +
                                ".json");
  std::ofstream(path) << text;
  std::vector<Finding> findings;
  readReportFile(path, "report",
                 [&](Finding &&finding) { findings.push_back(finding); });
  std::filesystem::remove(path);
  return findings;
}

} // namespace

TEST(ReportWriting, StringsAreEscapedAsNlohmannDoes) {
  for (std::string text :
       {std::string("plain"), std::string("quote \" and \\ slash /"),
        std::string("\b\f\n\r\t\x01\x1f\x7f"), std::string("caf\xC3\xA9 \xF0\x9F\x98\x80"),
        std::string("bad \xC3( and \xFF end")})
    EXPECT_EQ(written([&](JsonWriter &out) { out.string(text); }),
              compactJson(Json(text)))
        << text;
}

TEST(ReportWriting, PlainByteScanStopsAtEverySpecialByte) {
  // Each byte value at each place of a word and of the tail after it.
  for (int c = 0; c < 256; ++c)
    for (size_t at = 0; at < 19; ++at) {
      std::string text(19, 'a');
      text[at] = char(c);
      bool plain = isPlainJsonByte(static_cast<unsigned char>(c));
      EXPECT_EQ(endOfPlainBytes(text, 0), plain ? text.size() : at)
          << "byte " << c << " at " << at;
      EXPECT_EQ(endOfPlainBytes(text, at + 1), text.size());
    }
}

TEST(ReportWriting, InternedTextsAreEscapedAsNlohmannDoes) {
  for (std::string text :
       {std::string(""), std::string("std::vector<int>::push_back(int&&)"),
        std::string("quote \" in a name"), std::string("caf\xC3\xA9"),
        std::string("bad \xFF byte"), std::string("tab\there")})
    EXPECT_EQ(written([&](JsonWriter &out) { out.string(Text(text)); }),
              compactJson(Json(text)))
        << text;
}

TEST(ReportWriting, HeldFindingsAreReadForTheirCountAndBaselineOnly) {
  std::string text = compactJson(makeReportFinding(standardRace()));
  std::string fingerprint = Json::parse(text)["fingerprint"];
  auto held = [&](std::string_view candidate) { return candidate == fingerprint; };
  Json repeat = Json::parse(text);
  repeat["count"] = 3;
  repeat["baseline"] = true;
  std::string repeatText = compactJson(repeat);
  JsonReader reader(repeatText, 64);
  Finding partial = readFinding(reader, held);
  reader.finish();
  EXPECT_EQ(partial.fingerprint, fingerprint);
  EXPECT_EQ(partial.count, 3);
  EXPECT_TRUE(partial.baseline);
  EXPECT_TRUE(partial.stacks.empty());
  EXPECT_FALSE(partial.race);
  // What is skipped is still checked.
  std::string broken = repeatText;
  broken.replace(broken.find("\"stacks\":[") + 10, 0, "1e999,");
  JsonReader brokenReader(broken, 64);
  EXPECT_THROW(readFinding(brokenReader, held), JsonReadError);
  // A fingerprint not held: the whole finding.
  JsonReader whole(text, 64);
  EXPECT_FALSE(readFinding(whole, [](std::string_view) { return false; })
                   .stacks.empty());
}

TEST(ReportWriting, NestedValuesGetTheirCommas) {
  std::string text = written([](JsonWriter &out) {
    out.beginObject();
    out.member("a", int64_t(-5));
    out.key("b");
    out.beginArray();
    out.boolean(true);
    out.null();
    out.beginObject();
    out.endObject();
    out.endArray();
    out.rawMembers(R"("c":{"d":[1.5]})");
    out.endObject();
  });
  EXPECT_EQ(text, R"({"a":-5,"b":[true,null,{}],"c":{"d":[1.5]}})");
}

TEST(ReportWriting, StreamedJsonReportIsTheReportTree) {
  Report report = reportFromJson(everyKind());
  Json streamed = Json::parse(renderReport(report, ReportFormat::Json, false));
  EXPECT_EQ(streamed, reportJson(report));
}

TEST(ReportWriting, ReportsReadBackInAnyLayout) {
  Report report = reportFromJson(everyKind());
  std::string compact = renderReport(report, ReportFormat::Json, false);
  Json tree = Json::parse(compact);
  for (const std::string &text :
       {compact, tree.dump(), tree.dump(2), tree.dump(0)}) {
    std::vector<Finding> findings = readBack(text);
    ASSERT_EQ(findings.size(), report.findings.size());
    for (size_t i = 0; i < findings.size(); ++i)
      EXPECT_EQ(Json(findings[i]), Json(report.findings[i]));
  }
}

TEST(ReportWriting, SarifLocationsNameTheirFunctionThroughTheRun) {
  Json log = makeSarifLog(everyKind());
  const Json &run = log["runs"][0];
  const Json &functions = run["logicalLocations"];
  std::set<std::string> names;
  for (const Json &function : functions) {
    EXPECT_EQ(function["kind"], "function");
    EXPECT_TRUE(names.insert(function.dump()).second) << "each function once";
  }
  const Json &first =
      run["results"][0]["stacks"][0]["frames"][0]["location"]["logicalLocations"];
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(functions[first[0]["index"].get<size_t>()]["fullyQualifiedName"],
            "increment()");
  EXPECT_EQ(functions[first[0]["index"].get<size_t>()]["decoratedName"],
            "_Z9incrementv");
}

#include "SarifFormat.h"
#include "FindingKinds.h"
#include "Gate.h"
#include "Report.h"
#include "ReportSink.h"
#include "SarifParts.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <utility>
#include <vector>

using namespace racegate;
using namespace racegate::test;

namespace {

Json firstResult(const Json &record) {
  return makeSarifLog(reportOf({record}))["runs"][0]["results"][0];
}

// The ids of the [text](id) links in a SARIF message.
std::set<long long> linkedIds(const std::string &text) {
  std::set<long long> ids;
  std::regex link(R"(\]\((\d+)\))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), link);
       it != std::sregex_iterator(); ++it)
    ids.insert(std::stoll((*it)[1]));
  return ids;
}

// The SARIF log of `records` with `root` as --source-root.
Json sarifWithRoot(std::initializer_list<Json> records, const std::string &root) {
  StringSink out;
  writeSarifLog(reportFromJson(reportOf(records)), SourcePaths(root), out);
  return Json::parse(out.take());
}

// Every artifactLocation anywhere under `value`.
void collectArtifactLocations(const Json &value, std::vector<Json> &found) {
  if (value.is_object()) {
    if (auto it = value.find("artifactLocation"); it != value.end())
      found.push_back(*it);
  }
  if (value.is_structured())
    for (const Json &child : value)
      collectArtifactLocations(child, found);
}

// Files moved under `root`, as a project's own code would be.
Json movedUnder(Json value, const std::string &from, const std::string &root) {
  if (value.is_object()) {
    if (auto it = value.find("file");
        it != value.end() && it->is_string() &&
        it->get<std::string>().starts_with(from))
      *it = root + it->get<std::string>().substr(from.size());
  }
  if (value.is_structured())
    for (Json &child : value)
      child = movedUnder(child, from, root);
  return value;
}

} // namespace

TEST(SarifFormat, ArtifactLocationsIndexTheRunsArtifacts) {
  // Frames in the project, in system headers spelled two ways (one
  // artifact), and outside both (an absolute URI).
  Json spelledAgain = lockOrderInversion();
  spelledAgain["stacks"][0]["frames"][0]["file"] =
      "/usr/include/x86_64-linux-gnu/c++/12/bits/gthr-default.h";
  Json log = sarifWithRoot({standardRace(), spelledAgain,
                            lockDeadlock()}, "/src");
  const Json &run = log["runs"][0];
  ASSERT_TRUE(run.contains("artifacts"));
  const Json &artifacts = run["artifacts"];
  std::set<std::pair<std::string, std::string>> distinct;
  for (const Json &artifact : artifacts)
    distinct.insert({artifact["location"]["uri"].get<std::string>(),
                     artifact["location"].value("uriBaseId", "")});
  EXPECT_EQ(distinct.size(), artifacts.size()) << artifacts;
  std::vector<Json> locations;
  collectArtifactLocations(run["results"], locations);
  ASSERT_FALSE(locations.empty());
  std::set<size_t> used;
  for (const Json &location : locations) {
    ASSERT_TRUE(location.contains("index")) << location;
    size_t index = location["index"].get<size_t>();
    ASSERT_LT(index, artifacts.size()) << location;
    used.insert(index);
    EXPECT_EQ(artifacts[index]["location"]["uri"], location["uri"]) << location;
    EXPECT_EQ(artifacts[index]["location"].value("uriBaseId", ""),
              location.value("uriBaseId", ""))
        << location;
  }
  EXPECT_EQ(used.size(), artifacts.size()) << "an artifact no location names";
  EXPECT_TRUE(distinct.count({"include/x86_64-linux-gnu/c++/12/bits/gthr-default.h",
                              "SYSTEM"}));
  EXPECT_TRUE(distinct.count({"file:///build/glibc/pthread_create.c", ""}));
}

TEST(SarifFormat, UrisAreRelativeWhenTheSourceRootCoversThem) {
  Json race = movedUnder(standardRace(), "/build/", "/src/");
  Json log = sarifWithRoot({race, lockOrderInversion()}, "/src");
  const Json &run = log["runs"][0];
  std::vector<Json> locations;
  collectArtifactLocations(run["results"], locations);
  for (const Json &artifact : run["artifacts"])
    locations.push_back(artifact["location"]);
  ASSERT_FALSE(locations.empty());
  for (const Json &location : locations) {
    std::string uri = location["uri"];
    EXPECT_EQ(uri.find("://"), std::string::npos) << location;
    EXPECT_FALSE(uri.starts_with("/")) << location;
    ASSERT_TRUE(location.contains("uriBaseId")) << location;
    EXPECT_TRUE(run["originalUriBaseIds"].contains(location["uriBaseId"]))
        << location;
  }
}

TEST(SarifFormat, OneRulePerKindWithDescriptionsAndHelp) {
  Json log = makeSarifLog(reportOf({}));
  EXPECT_EQ(log["version"], "2.1.0");
  const Json &rules = log["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), findingKinds().size());
  for (size_t index = 0; index < rules.size(); ++index) {
    EXPECT_EQ(rules[index]["id"], findingKinds()[index]);
    for (const char *key : {"shortDescription", "fullDescription", "help"})
      EXPECT_FALSE(rules[index][key]["text"].get<std::string>().empty())
          << rules[index]["id"] << " " << key;
  }
}

TEST(SarifFormat, ResultPointsAtThePrimaryLocationAndRule) {
  Json result = firstResult(standardRace());
  EXPECT_EQ(result["ruleId"], "data_race");
  EXPECT_EQ(result["ruleIndex"], 0);
  EXPECT_EQ(result["level"], "error");
  const Json &physical = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "file:///src/app/counter.cpp");
  EXPECT_EQ(physical["region"], (Json{{"startLine", 12}, {"startColumn", 7}}));
  EXPECT_EQ(result["partialFingerprints"]["racegate/v2"],
            makeReportFinding(standardRace())["fingerprint"]);
  EXPECT_FALSE(result.contains("baselineState"));
}

TEST(SarifFormat, MessageLinksEveryRelatedLocation) {
  Json result = firstResult(standardRace());
  std::set<long long> related;
  for (const Json &location : result["relatedLocations"]) {
    EXPECT_TRUE(related.insert(location["id"].get<long long>()).second);
    EXPECT_FALSE(location["message"]["text"].get<std::string>().empty());
  }
  EXPECT_EQ(linkedIds(result["message"]["text"]), related);
  // The other access, the declaration and both thread creations.
  EXPECT_EQ(related.size(), 4u);
  EXPECT_EQ(
      result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
      12);
}

TEST(SarifFormat, EveryStackHasAMessage) {
  Json result = firstResult(lockDeadlock());
  // Four stacks in the finding; the threads have no creation stacks here.
  ASSERT_EQ(result["stacks"].size(), 4u);
  for (const Json &stack : result["stacks"]) {
    EXPECT_FALSE(stack["message"]["text"].get<std::string>().empty());
    EXPECT_EQ(stack["frames"].size(), 4u);
  }
}

TEST(SarifFormat, RaceFlowShowsTheEarlierAccessFirst) {
  Json flows = firstResult(standardRace())["codeFlows"];
  ASSERT_EQ(flows.size(), 1u);
  const Json &threads = flows[0]["threadFlows"];
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0]["id"], "thread 1"); // accesses[1]: the earlier one
  EXPECT_EQ(threads[0]["locations"][0]["executionOrder"], 1);
  EXPECT_EQ(threads[1]["id"], "thread 2");
  EXPECT_EQ(threads[1]["locations"][0]["executionOrder"], 2);
  EXPECT_EQ(threads[1]["locations"][0]["kinds"],
            Json::array({"memory", "write"}));
}

TEST(SarifFormat, CycleFlowTakesAllLocksBeforeAnyRequest) {
  for (const Json &record : {lockOrderInversion(), lockDeadlock()}) {
    Json flows = firstResult(record)["codeFlows"];
    ASSERT_EQ(flows.size(), 1u) << record["kind"];
    long long lastAcquisition = 0;
    long long firstRequest = 1000;
    for (const Json &thread : flows[0]["threadFlows"]) {
      ASSERT_EQ(thread["locations"].size(), 2u);
      lastAcquisition =
          std::max(lastAcquisition,
                   thread["locations"][0]["executionOrder"].get<long long>());
      firstRequest =
          std::min(firstRequest,
                   thread["locations"][1]["executionOrder"].get<long long>());
    }
    EXPECT_LT(lastAcquisition, firstRequest) << record["kind"];
  }
}

TEST(SarifFormat, FlowsAreOmittedWhenStacksDoNotFitTheCycle) {
  Json odd = lockOrderInversion();
  odd["stacks"].erase(3);
  EXPECT_FALSE(firstResult(odd).contains("codeFlows"));
}

TEST(SarifFormat, GateDecidesLevelAndBaselineState) {
  Json report = reportOf({standardRace(), lockDeadlock()});
  Gate gate;
  gate.baseline = std::unordered_set<std::string>{
      report["findings"][0]["fingerprint"].get<std::string>()};
  gate.baselineFile = "base.json";
  applyGate(report, gate);
  Json results = makeSarifLog(report)["runs"][0]["results"];
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_EQ(results[0]["baselineState"], "unchanged");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[1]["baselineState"], "new");
}

TEST(SarifFormat, UrisAndMessageEscaping) {
  EXPECT_EQ(fileUri("/src/my app/a b.cpp"), "file:///src/my%20app/a%20b.cpp");
  EXPECT_EQ(fileUri("/usr/bin/../include/c++/12/mutex"),
            "file:///usr/include/c++/12/mutex");
  EXPECT_EQ(fileUri("rel/x:y.c"), "rel/x%3Ay.c");
  EXPECT_EQ(escapeMessageText(R"(operator[] \ x)"), R"(operator\[\] \\ x)");
}

TEST(SarifFormat, PathsInAnotherEncodingStayUnderTheSourceRoot) {
  // The runtime wrote /src/d\xE9mo/counter.cpp's byte as it is; the stream
  // reader made it the text "\xE9". The root, given as raw bytes, matches.
  Json race = movedUnder(standardRace(), "/src/app/", "/src/d\\xE9mo/");
  Json log = sarifWithRoot({race}, "/src/d\xE9mo");
  const Json &run = log["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file:///src/d%E9mo/");
  const Json &location =
      run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(location["uri"], "counter.cpp");
  EXPECT_EQ(location["uriBaseId"], "SRCROOT");
  EXPECT_EQ(fileUri("/x/b\\xFFd/c.c"), "file:///x/b%FFd/c.c");
  // Not an escaped byte: kept as written.
  EXPECT_EQ(fileUri("/x/\\x41.c"), "file:///x/%5Cx41.c");
}

TEST(SarifFormat, FramesWithoutFileOrLineStayValid) {
  Json location = sarifLocation(Json{{"function", "??"}, {"file", ""}, {"line", 0}, {"column", 0}}.get<Frame>(), SourcePaths());
  EXPECT_TRUE(location.empty());
  location = sarifLocation(Json{{"function", "f"}, {"file", "/a.c"}, {"line", 0}, {"column", 0}}.get<Frame>(), SourcePaths());
  EXPECT_FALSE(location["physicalLocation"].contains("region"));
}

// Checks against records the runtime really wrote (data/runtime_kinds.jsonl,
// see data/README.md), so that the CLI is held to the runtime's shapes
// rather than to shapes the tests invented.

#include "FindingKinds.h"
#include "FindingsStream.h"
#include "Frames.h"
#include "JsonFields.h"
#include "Report.h"
#include "SarifFormat.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

using namespace racegate;

namespace {

Json runtimeReport() {
  FindingsStream stream =
      readFindingsStream(RACEGATE_TEST_DATA "/runtime_kinds.jsonl");
  return reportJson(buildReport(stream, {}));
}

// Every address a kind-specific object names, except 0x0 (joins, running
// threads), which is a placeholder rather than an object.
void collectAddresses(const Json &value, std::set<std::string> &out) {
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    if (std::regex_match(text, std::regex("0x[0-9a-f]+")) && text != "0x0")
      out.insert(text);
  } else if (value.is_structured()) {
    for (const Json &child : value)
      collectAddresses(child, out);
  }
}

// The member holding a kind's own object (docs/report-format.md).
std::string objectKeyOf(const std::string &kind) {
  if (kind == "data_race")
    return "race";
  if (kind == "lock_order_inversion" || kind == "lock_order_violation")
    return "cycle";
  if (kind == "deadlock" || kind == "stall" || kind == "starvation" ||
      kind == "livelock" || kind == "timeout")
    return kind;
  return "misuse";
}

} // namespace

TEST(RuntimeStream, EveryKindIsPresentAndParses) {
  Json report = runtimeReport();
  std::set<std::string> kinds;
  for (const Json &finding : report["findings"])
    kinds.insert(finding["kind"].get<std::string>());
  for (std::string_view kind : findingKinds())
    EXPECT_TRUE(kinds.contains(std::string(kind))) << kind;
}

TEST(RuntimeStream, MessagesNameTheObjectsAndThreads) {
  for (const Json &finding : runtimeReport()["findings"]) {
    std::string kind = finding["kind"];
    std::string message = finding["message"];
    const Json &object = finding[objectKeyOf(kind)];
    ASSERT_TRUE(object.is_structured()) << kind;
    if (kind != "data_race") { // a race names its variable instead
      std::set<std::string> addresses;
      collectAddresses(object, addresses);
      for (const std::string &address : addresses)
        EXPECT_NE(message.find(address), std::string::npos)
            << kind << ": " << message << " lacks " << address;
    }
    // Whoever acts or waits is named.
    if (auto thread = integerField(finding["stacks"][0], "thread"))
      EXPECT_NE(message.find("thread " + std::to_string(*thread)),
                std::string::npos)
          << message;
  }
}

TEST(RuntimeStream, LocationsAreInTheUsersCode) {
  for (const Json &finding : runtimeReport()["findings"]) {
    std::string file = finding["location"]["file"];
    if (file.empty())
      continue; // livelock: the runtime sends no frames for running threads
    EXPECT_FALSE(isSystemFile(file)) << finding["kind"] << " at " << file;
    EXPECT_NE(file.find("/testdata/"), std::string::npos) << file;
  }
}

TEST(RuntimeStream, FindingsKeepDistinctFingerprints) {
  std::set<std::string> fingerprints;
  Json report = runtimeReport();
  for (const Json &finding : report["findings"])
    EXPECT_TRUE(
        fingerprints.insert(finding["fingerprint"].get<std::string>()).second)
        << finding["message"];
}

TEST(RuntimeStream, CycleFindingsGetCodeFlows) {
  Json log = makeSarifLog(runtimeReport());
  for (const Json &result : log["runs"][0]["results"]) {
    std::string rule = result["ruleId"];
    if (rule == "data_race" || rule == "lock_order_inversion" ||
        (rule == "deadlock" &&
         result["message"]["text"].get<std::string>().find("join") ==
             std::string::npos))
      EXPECT_TRUE(result.contains("codeFlows")) << result["message"];
  }
}

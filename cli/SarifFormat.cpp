#include "SarifFormat.h"

#include "Explanations.h"
#include "FindingKinds.h"
#include "Frames.h"
#include "JsonFields.h"
#include "SarifParts.h"
#include "Version.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace racegate {

namespace {

constexpr const char *kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";
// Versioned so that a change of the fingerprint algorithm shows up as a new
// key rather than as every finding changing identity.
constexpr const char *kFingerprintKey = "racegate/v2";

// "data_race" -> "DataRace": SARIF's rule `name` is an identifier.
std::string ruleName(std::string_view kind) {
  std::string name;
  bool isWordStart = true;
  for (char c : kind) {
    if (c == '_') {
      isWordStart = true;
      continue;
    }
    name += isWordStart ? char(std::toupper(static_cast<unsigned char>(c))) : c;
    isWordStart = false;
  }
  return name;
}

Json makeRule(std::string_view kind) {
  Json rule{{"id", kind}, {"name", ruleName(kind)}};
  if (auto explanation = explanationFor(kind)) {
    rule["shortDescription"] = Json{{"text", explanation->title}};
    rule["fullDescription"] = Json{{"text", explanation->meaning}};
    rule["help"] = Json{
        {"text", fmt::format("{}\n\nWhy it is a bug: {}\n\nHow to fix it: {}",
                             explanation->meaning, explanation->whyBug,
                             explanation->fix)},
        {"markdown",
         fmt::format("{}\n\n**Why it is a bug.** {}\n\n**How to fix it.** {}",
                     explanation->meaning, explanation->whyBug,
                     explanation->fix)}};
  }
  rule["defaultConfiguration"] = Json{{"level", "error"}};
  rule["properties"] = Json{{"tags", Json::array({"concurrency"})}};
  return rule;
}

std::string withThread(std::string description, const Json &owner) {
  const Json *thread = findMember(owner, "thread");
  if (thread && !thread->is_null()) {
    std::string name = "thread " + scalarText(*thread);
    if (description.find(name) == std::string::npos)
      description += " (" + name + ")";
  }
  return description;
}

// Collects what a result points at besides its primary location: related
// locations (numbered from 1, for the message's links) and stacks.
class ResultContext {
public:
  void related(const Json *frames, const std::string &label) {
    const Json *frame = primaryFrame(frames);
    if (!frame)
      return;
    relatedLocationsJson.push_back(sarifLocation(*frame, label));
    relatedLocationsJson.back()["id"] = ++lastId;
    links.push_back(fmt::format("[{}]({})", escapeMessageText(label), lastId));
  }

  void relatedFrame(const Json &frame, const std::string &label) {
    Json frames = Json::array({frame});
    related(&frames, label);
  }

  void stack(const Json *frames, const std::string &message,
             const Json &thread) {
    if (frames && frames->is_array() && !frames->empty())
      stacksJson.push_back(sarifStack(*frames, message, thread));
  }

  std::string linkedMessage(const std::string &message) const {
    std::string text = escapeMessageText(message);
    if (!links.empty())
      text += fmt::format(". Related: {}", fmt::join(links, ", "));
    return text + ".";
  }

  Json relatedLocationsJson = Json::array();
  Json stacksJson = Json::array();

private:
  std::vector<std::string> links;
  long long lastId = 0;
};

void addStacks(const Json &finding, ResultContext &context) {
  const Json *stacks = findMember(finding, "stacks");
  if (!stacks || !stacks->is_array())
    return;
  for (size_t index = 0; index < stacks->size(); ++index) {
    const Json &stack = (*stacks)[index];
    const Json *frames = findMember(stack, "frames");
    std::string label = withThread(stringField(stack, "description"), stack);
    // stacks[0] is the primary location itself.
    if (index > 0)
      context.related(frames, label);
    const Json *thread = findMember(stack, "thread");
    context.stack(frames, label, thread ? *thread : Json());
  }
}

void addRaceDetails(const Json &finding, ResultContext &context) {
  const Json *race = findMember(finding, "race");
  if (!race)
    return;
  if (const Json *accesses = findMember(*race, "accesses");
      accesses && accesses->is_array())
    for (const Json &access : *accesses)
      if (const Json *locks = findMember(access, "locks_held");
          locks && locks->is_array())
        for (const Json &lock : *locks) {
          std::string label = withThread(
              "lock " + stringField(lock, "address", "?") + " acquired here",
              access);
          const Json *frames = findMember(lock, "acquired_at");
          context.related(frames, label);
          const Json *thread = findMember(access, "thread");
          context.stack(frames, label, thread ? *thread : Json());
        }
  const Json *variable = findMember(*race, "variable");
  if (!variable)
    return;
  std::string kind = stringField(*variable, "kind");
  if (kind == "global" && !stringField(*variable, "file").empty())
    context.relatedFrame(
        Json{{"function", ""},
             {"file", stringField(*variable, "file")},
             {"line", integerField(*variable, "line").value_or(0)},
             {"column", 0}},
        fmt::format("'{}' is declared here", stringField(*variable, "name")));
  if (const Json *frame = findMember(*variable, "frame");
      kind == "stack" && frame) {
    const Json *thread = findMember(*variable, "thread");
    context.relatedFrame(
        *frame, fmt::format("stack variable of thread {}, in the frame of {}",
                            thread ? scalarText(*thread) : "?",
                            stringField(*frame, "function", "??")));
  }
  if (kind == "heap") {
    const Json *frames = findMember(*variable, "allocation_stack");
    std::string label = withThread("heap block allocated here", *variable);
    context.related(frames, label);
    const Json *thread = findMember(*variable, "thread");
    context.stack(frames, label, thread ? *thread : Json());
  }
}

void addThreadCreations(const Json &finding, ResultContext &context) {
  const Json *threads = findMember(finding, "threads");
  if (!threads || !threads->is_array())
    return;
  for (const Json &thread : *threads) {
    const Json *frames = findMember(thread, "creation_stack");
    const Json *id = findMember(thread, "id");
    std::string label =
        "thread " + (id ? scalarText(*id) : std::string("?")) + " created here";
    context.related(frames, label);
    const Json *parent = findMember(thread, "parent");
    context.stack(frames, label, parent ? *parent : Json());
  }
}

Json makeResult(const Json &finding, size_t ruleIndex, bool hasBaseline) {
  ResultContext context;
  addStacks(finding, context);
  addRaceDetails(finding, context);
  addThreadCreations(finding, context);

  static const Json kNoLocation = Json::object();
  const Json *location = findMember(finding, "location");
  Json result{
      {"ruleId", stringField(finding, "kind")},
      {"ruleIndex", ruleIndex},
      {"level", isTrueField(finding, "fails_gate") ? "error" : "warning"},
      {"message",
       Json{{"text", context.linkedMessage(stringField(finding, "message"))}}},
      {"locations",
       Json::array({sarifLocation(location ? *location : kNoLocation)})}};
  if (!context.relatedLocationsJson.empty())
    result["relatedLocations"] = std::move(context.relatedLocationsJson);
  if (!context.stacksJson.empty())
    result["stacks"] = std::move(context.stacksJson);
  if (Json flows = sarifCodeFlows(finding); !flows.empty())
    result["codeFlows"] = std::move(flows);
  result["partialFingerprints"] =
      Json{{kFingerprintKey, stringField(finding, "fingerprint")}};
  result["occurrenceCount"] = integerField(finding, "count").value_or(1);
  if (hasBaseline)
    result["baselineState"] =
        isTrueField(finding, "baseline") ? "unchanged" : "new";
  return result;
}

} // namespace

Json makeSarifLog(const Json &report) {
  // Every known kind has a rule, so that a viewer can explain kinds this
  // run did not find; a kind from a newer runtime gets a bare rule.
  std::vector<std::string> ruleIds(findingKinds().begin(),
                                   findingKinds().end());
  Json rules = Json::array();
  for (const std::string &kind : ruleIds)
    rules.push_back(makeRule(kind));

  const Json *gate = findMember(report, "gate");
  const Json *baseline = gate ? findMember(*gate, "baseline") : nullptr;
  bool hasBaseline = baseline && baseline->is_string();

  Json results = Json::array();
  if (const Json *findings = findMember(report, "findings");
      findings && findings->is_array())
    for (const Json &finding : *findings) {
      std::string kind = stringField(finding, "kind");
      size_t ruleIndex =
          std::find(ruleIds.begin(), ruleIds.end(), kind) - ruleIds.begin();
      if (ruleIndex == ruleIds.size()) {
        ruleIds.push_back(kind);
        rules.push_back(makeRule(kind));
      }
      results.push_back(makeResult(finding, ruleIndex, hasBaseline));
    }

  Json properties = Json::object();
  for (const char *key : {"program", "gate", "summary"})
    if (const Json *value = findMember(report, key))
      properties[key] = *value;

  Json driver{{"name", kToolName},
              {"version", kToolVersion},
              {"semanticVersion", kToolVersion},
              {"rules", std::move(rules)}};
  Json run{{"tool", Json{{"driver", std::move(driver)}}},
           {"invocations", Json::array({Json{{"executionSuccessful", true}}})},
           {"columnKind", "unicodeCodePoints"},
           {"results", std::move(results)},
           {"properties", std::move(properties)}};
  return Json{{"$schema", kSarifSchema},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(run)})}};
}

} // namespace racegate

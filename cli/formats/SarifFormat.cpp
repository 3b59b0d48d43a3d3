#include "SarifFormat.h"

#include "Explanations.h"
#include "FindingKinds.h"
#include "Frames.h"
#include "JsonFields.h"
#include "JsonWriter.h"
#include "SarifFlows.h"
#include "SarifParts.h"
#include "Version.h"
#include "Diagnostics.h"
#include "ReportSink.h"

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
  rule["defaultConfiguration"] =
      Json{{"level", isNoteKind(kind) ? "note" : "error"}};
  rule["properties"] = Json{{"tags", Json::array({"concurrency"})}};
  return rule;
}

// GitHub code scanning's documented upload limits per result.
constexpr size_t kMaxRelatedLocations = 1000;
constexpr size_t kMaxStacks = 1000;
constexpr size_t kMaxResultsPerRun = 25000;

std::string withThread(std::string description,
                       const std::optional<int64_t> &thread) {
  if (thread) {
    std::string name = fmt::format("thread {}", *thread);
    if (description.find(name) == std::string::npos)
      description += " (" + name + ")";
  }
  return description;
}

std::string threadText(const std::optional<int64_t> &thread) {
  return thread ? std::to_string(*thread) : "?";
}

// What a result points at besides its primary location: related locations
// (numbered from 1, for the message's links) and stacks. Collected first,
// because the message, written before them, links to them.
class ResultContext {
public:
  void related(const Frames &frames, const std::string &label) {
    if (const Frame *frame = primaryFrame(frames))
      relatedFrame(*frame, label);
  }

  void relatedFrame(const Frame &frame, const std::string &label) {
    if (relatedLocations.size() == kMaxRelatedLocations)
      return;
    relatedLocations.push_back({frame, label});
  }

  void clear() {
    relatedLocations.clear();
    stacks.clear();
  }

  void stack(const Frames &frames, const std::string &message,
             const std::optional<int64_t> &thread) {
    if (!frames.empty() && stacks.size() < kMaxStacks)
      stacks.push_back({&frames, message, thread});
  }

  // The message with a [label](id) link to every related location.
  std::string linkedMessage(const std::string &message) const {
    std::string text = escapeMessageText(message);
    for (size_t i = 0; i < relatedLocations.size(); ++i) {
      text += i == 0 ? ". Related: [" : ", [";
      text += escapeMessageText(relatedLocations[i].label);
      text += "](";
      text += std::to_string(i + 1);
      text += ')';
    }
    return text + ".";
  }

  struct Related {
    Frame frame;
    std::string label;
  };
  struct StackRef {
    const Frames *frames;
    std::string message;
    std::optional<int64_t> thread;
  };
  std::vector<Related> relatedLocations;
  std::vector<StackRef> stacks;
};

void addStacks(const Finding &finding, ResultContext &context) {
  for (size_t index = 0; index < finding.stacks.size(); ++index) {
    const Stack &stack = finding.stacks[index];
    std::string label = withThread(stack.description.str(), stack.thread);
    // stacks[0] is the primary location itself.
    if (index > 0)
      context.related(stack.frames, label);
    context.stack(stack.frames, label, stack.thread);
  }
}

std::string addressText(const Json &address) {
  if (address.is_string())
    return address.get<std::string>();
  return address.is_null() ? "?" : address.dump();
}

void addRaceDetails(const Finding &finding, ResultContext &context) {
  if (!finding.race)
    return;
  for (const Access &access : finding.race->accesses)
    for (const HeldLock &lock : access.locksHeld) {
      std::string label = withThread(
          "lock " + addressText(lock.address) + " acquired here", access.thread);
      context.related(lock.acquiredAt, label);
      context.stack(lock.acquiredAt, label, access.thread);
    }
  if (!finding.race->variable)
    return;
  const Variable &variable = *finding.race->variable;
  std::string_view kind = variable.kind.view();
  if (kind == "global" && !variable.file.empty()) {
    Frame declaration;
    declaration.function = Text("");
    declaration.file = variable.file;
    declaration.line = variable.line.value_or(0);
    context.relatedFrame(declaration, fmt::format("'{}' is declared here",
                                                  variable.name.str()));
  }
  if (kind == "stack" && variable.frame)
    context.relatedFrame(
        *variable.frame,
        fmt::format("stack variable of thread {}, in the frame of {}",
                    threadText(variable.thread),
                    variable.frame->function.str()));
  if (kind == "heap" && variable.allocationStack) {
    std::string label = withThread("heap block allocated here", variable.thread);
    context.related(*variable.allocationStack, label);
    context.stack(*variable.allocationStack, label, variable.thread);
  }
}

void addThreadCreations(const Finding &finding, ResultContext &context) {
  for (const ThreadInfo &thread : finding.threads) {
    std::string label = "thread " + threadText(thread.id) + " created here";
    context.related(thread.creationStack, label);
    context.stack(thread.creationStack, label, thread.parent);
  }
}

void writeResult(JsonWriter &out, const Finding &finding, size_t ruleIndex,
                 bool hasBaseline, SarifLocations &locations,
                 ResultContext &context) {
  context.clear();
  addStacks(finding, context);
  addRaceDetails(finding, context);
  addThreadCreations(finding, context);

  out.beginObject();
  out.member("ruleId", finding.kind);
  out.member("ruleIndex", ruleIndex);
  out.member("level", finding.failsGate                     ? "error"
                      : isNoteKind(finding.kind.view()) ? "note"
                                                        : "warning");
  out.key("message");
  out.beginObject();
  out.member("text", context.linkedMessage(finding.message));
  out.endObject();
  out.key("locations");
  out.beginArray();
  locations.writeLocation(out, finding.location);
  out.endArray();
  if (!context.relatedLocations.empty()) {
    out.key("relatedLocations");
    out.beginArray();
    int64_t id = 0;
    for (const ResultContext::Related &related : context.relatedLocations)
      locations.writeLocation(out, related.frame, related.label, ++id);
    out.endArray();
  }
  if (!context.stacks.empty()) {
    out.key("stacks");
    out.beginArray();
    for (const ResultContext::StackRef &stack : context.stacks)
      locations.writeStack(out, *stack.frames, stack.message, stack.thread);
    out.endArray();
  }
  if (auto flow = planCodeFlow(finding)) {
    out.key("codeFlows");
    writeCodeFlows(out, *flow, locations);
  }
  out.key("partialFingerprints");
  out.beginObject();
  out.member(kFingerprintKey, finding.fingerprint);
  out.endObject();
  out.member("occurrenceCount", finding.count);
  if (hasBaseline)
    out.member("baselineState", finding.baseline ? "unchanged" : "new");
  out.endObject();
}

} // namespace

void writeSarifLog(const Report &report, const SourcePaths &paths,
                   ReportSink &out) {
  // Every known kind has a rule, so that a viewer can explain kinds this
  // run did not find. Unknown kinds never reach a report.
  std::vector<std::string> ruleIds(findingKinds().begin(),
                                   findingKinds().end());
  Json rules = Json::array();
  for (const std::string &kind : ruleIds)
    rules.push_back(makeRule(kind));
  bool hasBaseline = report.gate.is_object() &&
                     findMember(report.gate, "baseline") &&
                     report.gate["baseline"].is_string();

  Json driver{{"name", kToolName},
              {"version", kToolVersion},
              {"semanticVersion", kToolVersion},
              {"rules", std::move(rules)}};
  JsonWriter json(out);
  json.raw("{\n  \"$schema\": ");
  json.string(kSarifSchema);
  json.raw(",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ");
  json.json(Json{{"driver", std::move(driver)}});
  json.raw(",\n      \"invocations\": ");
  json.json(Json::array({Json{{"executionSuccessful", true}}}));
  if (!paths.root().empty()) {
    // Results name files relative to SRCROOT; where it was on this machine
    // is only a hint: GitHub resolves them against its checkout.
    std::string root = fileUri(paths.root());
    if (!root.ends_with('/'))
      root += '/';
    json.raw(",\n      \"originalUriBaseIds\": ");
    json.json(Json{{kSourceRootId, Json{{"uri", root}}},
                   {kSystemRootId, Json{{"uri", "file:///usr/"}}}});
  }
  json.raw(",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [");
  SarifLocations locations(paths);
  ResultContext context; // reused: its vectors keep their capacity
  bool isFirst = true;
  for (const Finding &finding : report.findings) {
    size_t ruleIndex =
        std::find(ruleIds.begin(), ruleIds.end(), finding.kind.view()) -
        ruleIds.begin();
    if (ruleIndex == ruleIds.size())
      continue;
    json.raw(isFirst ? "\n        " : ",\n        ");
    isFirst = false;
    writeResult(json, finding, ruleIndex, hasBaseline, locations, context);
  }
  json.raw(isFirst ? "],\n" : "\n      ],\n");
  if (locations.hasArtifacts()) {
    // Every file once; artifactLocations refer to it by index too.
    json.raw("      \"artifacts\": ");
    locations.writeArtifacts(json);
    json.raw(",\n");
  }
  if (locations.hasLogicalLocations()) {
    // Every function once; locations refer to it by index.
    json.raw("      \"logicalLocations\": ");
    locations.writeLogicalLocations(json);
    json.raw(",\n");
  }
  Json properties{{"program", report.program},
                  {"gate", report.gate},
                  {"summary", summaryJson(report)}};
  json.raw("      \"properties\": ");
  json.json(properties);
  json.raw("\n    }\n  ]\n}\n");
  json.flush();
  if (report.findings.size() > kMaxResultsPerRun)
    printWarning(fmt::format(
        "the SARIF log has {} results; GitHub code scanning takes at most {} "
        "per run (use --baseline or --fail-on to narrow the report)",
        report.findings.size(), kMaxResultsPerRun));
}

Json makeSarifLog(const Json &report) {
  StringSink out;
  writeSarifLog(reportFromJson(report), SourcePaths(), out);
  return Json::parse(out.take());
}

} // namespace racegate

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
#include <charconv>
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

std::string threadText(const std::optional<int64_t> &thread) {
  return thread ? std::to_string(*thread) : "?";
}

// What a result points at besides its primary location: related locations
// (numbered from 1, for the message's links) and stacks. Collected first,
// because the message, written before them, links to them. One context
// serves every result in turn: its vectors, its labels' text and its
// message keep their capacity, so that a result costs no allocations.
class ResultContext {
public:
  // A label's place in `labels`, which may move as it grows.
  struct Label {
    size_t start;
    size_t size;
  };

  void clear() {
    relatedLocations.clear();
    stacks.clear();
    labels.clear();
  }

  // A label is appended to `labels` between beginLabel and endLabel.
  size_t beginLabel() const { return labels.size(); }
  // Ends the label begun at `start`, with " (thread N)" for `thread` unless
  // it names that thread already.
  Label endLabel(size_t start, const std::optional<int64_t> &thread) {
    if (thread) {
      char name[32];
      size_t size =
          fmt::format_to_n(name, sizeof name, "thread {}", *thread).size;
      std::string_view named(name, size);
      if (text({start, labels.size() - start}).find(named) ==
          std::string_view::npos) {
        labels += " (";
        labels.append(named);
        labels += ')';
      }
    }
    return {start, labels.size() - start};
  }
  std::string_view text(Label label) const {
    return std::string_view(labels).substr(label.start, label.size);
  }

  void related(const Frames &frames, Label label) {
    if (const Frame *frame = primaryFrame(frames))
      relatedFrame(*frame, label);
  }

  void relatedFrame(const Frame &frame, Label label) {
    if (relatedLocations.size() == kMaxRelatedLocations)
      return;
    relatedLocations.push_back({frame, label});
  }

  void stack(const Frames &frames, Label label,
             const std::optional<int64_t> &thread) {
    if (!frames.empty() && stacks.size() < kMaxStacks)
      stacks.push_back({&frames, label, thread});
  }

  // The message with a [label](id) link to every related location.
  std::string_view linkedMessage(std::string_view findingMessage) {
    message.clear();
    appendMessageText(message, findingMessage);
    for (size_t i = 0; i < relatedLocations.size(); ++i) {
      message += i == 0 ? ". Related: [" : ", [";
      appendMessageText(message, text(relatedLocations[i].label));
      message += "](";
      char digits[24];
      message.append(digits,
                     std::to_chars(digits, digits + sizeof digits, i + 1).ptr);
      message += ')';
    }
    message += '.';
    return message;
  }

  struct Related {
    Frame frame;
    Label label;
  };
  struct StackRef {
    const Frames *frames;
    Label label;
    std::optional<int64_t> thread;
  };
  std::vector<Related> relatedLocations;
  std::vector<StackRef> stacks;
  std::string labels;

private:
  std::string message;
};

void addStacks(const Finding &finding, ResultContext &context) {
  for (size_t index = 0; index < finding.stacks.size(); ++index) {
    const Stack &stack = finding.stacks[index];
    size_t start = context.beginLabel();
    context.labels.append(stack.description.view());
    ResultContext::Label label = context.endLabel(start, stack.thread);
    // stacks[0] is the primary location itself.
    if (index > 0)
      context.related(stack.frames, label);
    context.stack(stack.frames, label, stack.thread);
  }
}

void appendAddress(std::string &out, const Json &address) {
  if (address.is_string())
    out += address.get_ref<const std::string &>();
  else
    out += address.is_null() ? "?" : address.dump();
}

void addRaceDetails(const Finding &finding, ResultContext &context) {
  if (!finding.race)
    return;
  std::string &labels = context.labels;
  for (const Access &access : finding.race->accesses)
    for (const HeldLock &lock : access.locksHeld) {
      size_t start = context.beginLabel();
      labels += "lock ";
      appendAddress(labels, lock.address);
      labels += " acquired here";
      ResultContext::Label label = context.endLabel(start, access.thread);
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
    size_t start = context.beginLabel();
    labels += '\'';
    labels.append(variable.name.view());
    labels += "' is declared here";
    context.relatedFrame(declaration, context.endLabel(start, std::nullopt));
  }
  if (kind == "stack" && variable.frame) {
    size_t start = context.beginLabel();
    labels += "stack variable of thread ";
    labels += threadText(variable.thread);
    labels += ", in the frame of ";
    labels.append(variable.frame->function.view());
    context.relatedFrame(*variable.frame,
                         context.endLabel(start, std::nullopt));
  }
  if (kind == "heap" && variable.allocationStack) {
    size_t start = context.beginLabel();
    labels += "heap block allocated here";
    ResultContext::Label label = context.endLabel(start, variable.thread);
    context.related(*variable.allocationStack, label);
    context.stack(*variable.allocationStack, label, variable.thread);
  }
}

void addThreadCreations(const Finding &finding, ResultContext &context) {
  for (const ThreadInfo &thread : finding.threads) {
    size_t start = context.beginLabel();
    context.labels += "thread ";
    context.labels += threadText(thread.id);
    context.labels += " created here";
    ResultContext::Label label = context.endLabel(start, std::nullopt);
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
      locations.writeLocation(out, related.frame, context.text(related.label),
                              ++id);
    out.endArray();
  }
  if (!context.stacks.empty()) {
    out.key("stacks");
    out.beginArray();
    for (const ResultContext::StackRef &stack : context.stacks)
      locations.writeStack(out, *stack.frames, context.text(stack.label),
                           stack.thread);
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

#include "Gate.h"

#include "Diagnostics.h"
#include "FindingKinds.h"
#include "JsonFields.h"
#include "ReportFile.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <map>

namespace racegate {

namespace {

std::string knownKindsText() {
  return fmt::format("{}", fmt::join(findingKinds(), ", "));
}

Json summarise(const Json &findings, long long suppressed) {
  // std::map keeps by_kind in a stable, alphabetical order.
  std::map<std::string, long long> byKind;
  long long failing = 0;
  long long inBaseline = 0;
  for (const Json &finding : findings) {
    ++byKind[stringField(finding, "kind")];
    failing += isTrueField(finding, "fails_gate");
    inBaseline += isTrueField(finding, "baseline");
  }
  Json byKindJson = Json::object();
  for (const auto &[kind, count] : byKind)
    byKindJson[kind] = count;
  return Json{{"total", findings.size()},
              {"by_kind", std::move(byKindJson)},
              {"failing", failing},
              {"baseline", inBaseline},
              {"suppressed", suppressed}};
}

Json nullableText(const std::string &text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

} // namespace

std::set<std::string> Gate::allKinds() {
  return {findingKinds().begin(), findingKinds().end()};
}

std::set<std::string> parseFailOn(const std::string &list) {
  std::set<std::string> kinds;
  size_t begin = 0;
  while (begin <= list.size()) {
    size_t comma = std::min(list.find(',', begin), list.size());
    std::string kind = list.substr(begin, comma - begin);
    begin = comma + 1;
    if (kind == "all") {
      kinds = Gate::allKinds();
    } else if (kind == "none") {
      // Explicitly nothing; only meaningful alone.
    } else if (isKnownFindingKind(kind)) {
      kinds.insert(kind);
    } else {
      throw ToolError(fmt::format(
          "--fail-on: unknown finding kind '{}' (expected all, none or a "
          "comma-separated list of: {})",
          kind, knownKindsText()));
    }
  }
  return kinds;
}

std::unordered_set<std::string>
readBaseline(const std::filesystem::path &path) {
  Json report = readReportFile(path, "baseline");
  std::unordered_set<std::string> fingerprints;
  for (const Json &finding : report["findings"])
    fingerprints.insert(stringField(finding, "fingerprint"));
  return fingerprints;
}

void applyGate(Json &report, const Gate &gate) {
  long long suppressed = 0;
  if (const Json *summary = findMember(report, "summary"))
    suppressed = integerField(*summary, "suppressed").value_or(0);

  Json kept = Json::array();
  for (Json &finding : report["findings"]) {
    if (gate.suppressions && gate.suppressions->match(finding)) {
      ++suppressed;
      continue;
    }
    std::string fingerprint = stringField(finding, "fingerprint");
    if (gate.baseline)
      finding["baseline"] = gate.baseline->contains(fingerprint);
    finding["fails_gate"] = !isTrueField(finding, "baseline") &&
                            gate.failOn.contains(stringField(finding, "kind"));
    kept.push_back(std::move(finding));
  }
  report["findings"] = std::move(kept);
  Json failOn = Json::array(); // in the documented order of kinds
  for (std::string_view kind : findingKinds())
    if (gate.failOn.contains(std::string(kind)))
      failOn.push_back(kind);
  report["gate"] = Json{{"fail_on", std::move(failOn)},
                        {"baseline", nullableText(gate.baselineFile)},
                        {"suppressions", nullableText(gate.suppressionsFile)}};
  report["summary"] = summarise(report["findings"], suppressed);
}

int exitCodeForReport(const Json &report) {
  const Json *summary = findMember(report, "summary");
  long long failing =
      summary ? integerField(*summary, "failing").value_or(0) : 0;
  return failing > 0 ? ExitFindings : ExitNoFindings;
}

} // namespace racegate

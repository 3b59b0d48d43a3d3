#include "Gate.h"

#include "Diagnostics.h"
#include "FindingKinds.h"
#include "JsonFields.h"
#include "Report.h"
#include "ReportFile.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <map>

namespace racegate {

namespace {

std::string knownKindsText() {
  return fmt::format("{}", fmt::join(findingKinds(), ", "));
}

Json nullableText(const std::string &text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

} // namespace

std::set<std::string> Gate::allKinds() {
  return {findingKinds().begin(), findingKinds().end()};
}

std::set<std::string> Gate::defaultKinds() {
  std::set<std::string> kinds;
  for (std::string_view kind : findingKinds())
    if (!isNoteKind(kind))
      kinds.insert(std::string(kind));
  return kinds;
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
    } else if (kind == "default") {
      kinds = Gate::defaultKinds();
    } else if (kind == "none") {
      // Explicitly nothing; only meaningful alone.
    } else if (isKnownFindingKind(kind)) {
      kinds.insert(kind);
    } else {
      throw ToolError(fmt::format(
          "--fail-on: unknown finding kind '{}' (expected default, all, none "
          "or a "
          "comma-separated list of: {})",
          kind, knownKindsText()));
    }
  }
  return kinds;
}

std::unordered_set<std::string>
readBaseline(const std::filesystem::path &path) {
  std::unordered_set<std::string> fingerprints;
  readReportFile(path, "baseline", [&](Finding &&finding) {
    fingerprints.insert(std::move(finding.fingerprint));
  });
  return fingerprints;
}

void applyGate(Report &report, const Gate &gate) {
  Findings &findings = report.findings;
  size_t kept = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding &finding = findings[i];
    if (gate.suppressions && gate.suppressions->match(finding)) {
      ++report.suppressed;
      continue;
    }
    if (gate.baseline)
      finding.baseline = gate.baseline->contains(finding.fingerprint);
    finding.failsGate =
        !finding.baseline && gate.failOn.contains(finding.kind.str());
    if (kept != i)
      findings[kept] = std::move(finding);
    ++kept;
  }
  findings.erase(findings.begin() + kept, findings.end());
  Json failOn = Json::array(); // in the documented order of kinds
  for (std::string_view kind : findingKinds())
    if (gate.failOn.contains(std::string(kind)))
      failOn.push_back(kind);
  report.gate = Json{{"fail_on", std::move(failOn)},
                     {"baseline", nullableText(gate.baselineFile)},
                     {"suppressions", nullableText(gate.suppressionsFile)}};
}

void applyGate(Json &report, const Gate &gate) {
  Report typed = reportFromJson(report);
  applyGate(typed, gate);
  report = reportJson(typed);
}

int exitCodeForReport(const Report &report) {
  for (const Finding &finding : report.findings)
    if (finding.failsGate)
      return ExitFindings;
  return ExitNoFindings;
}

int exitCodeForReport(const Json &report) {
  const Json *summary = findMember(report, "summary");
  long long failing =
      summary ? integerField(*summary, "failing").value_or(0) : 0;
  return failing > 0 ? ExitFindings : ExitNoFindings;
}

} // namespace racegate

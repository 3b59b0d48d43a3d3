#pragma once

#include "Json.h"
#include "Report.h"
#include "Suppressions.h"

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace racegate {

// What decides racegate's exit code (docs/gating.md).
struct Gate {
  // Kinds that fail the gate; empty means none does.
  std::set<std::string> failOn = defaultKinds();
  // Fingerprints of the --baseline report, when one was given.
  std::optional<std::unordered_set<std::string>> baseline;
  std::string baselineFile;
  // The --suppressions file, when one was given.
  std::optional<Suppressions> suppressions;
  std::string suppressionsFile;

  static std::set<std::string> allKinds();
  // Every kind but the notes (isNoteKind).
  static std::set<std::string> defaultKinds();
};

// Parses --fail-on: comma-separated kinds, or `default` (every kind but the
// notes), `all` or `none`. Throws
// ToolError naming the unknown kind and listing the known ones.
std::set<std::string> parseFailOn(const std::string &list);

// Reads the fingerprints of a racegate JSON report. Throws ToolError when the
// file is unreadable, not a report, or of another schema major version
// (whose fingerprints are computed differently).
std::unordered_set<std::string> readBaseline(const std::filesystem::path &path);

// Applies the gate to a report in place: drops suppressed findings (adding
// them to `summary.suppressed`), marks findings whose fingerprint is in the
// baseline (`baseline`; kept as they are without a baseline, which is what
// `merge` relies on), decides `fails_gate` for each, records the gate in
// `gate` and recomputes `summary`.
void applyGate(Report &report, const Gate &gate);
void applyGate(Json &report, const Gate &gate);

// 1 if any finding fails the gate, else 0.
int exitCodeForReport(const Report &report);
int exitCodeForReport(const Json &report);

} // namespace racegate

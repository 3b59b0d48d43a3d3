#pragma once

#include "Finding.h"
#include "Json.h"

#include <filesystem>
#include <functional>
#include <string_view>

namespace racegate {

// The members of a report other than its findings.
struct ReportHeader {
  std::string schemaVersion;
  Json tool;
  Json program;
  Json summary;
};

// Reads a racegate JSON report written earlier (for --baseline and
// `racegate merge`) finding by finding, without holding the whole document:
// `onFinding` gets each finding as it is parsed. `role` names the file in
// messages ("baseline", "report"). Throws ToolError when the file is
// unreadable, a directory, not JSON, nested too deeply, not a report, of
// another schema major version (whose fingerprints are computed
// differently), or has a finding without a fingerprint.
// `isHeld`, when given, says whether a fingerprint is already held: such a
// finding is handed over with only its fingerprint, count and baseline.
ReportHeader readReportFile(
    const std::filesystem::path &path, std::string_view role,
    const std::function<void(Finding &&)> &onFinding,
    const std::function<bool(std::string_view)> &isHeld = {});

} // namespace racegate

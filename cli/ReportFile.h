#pragma once

#include "Json.h"

#include <filesystem>
#include <string_view>

namespace racegate {

// Reads a racegate JSON report written earlier (for --baseline and
// `racegate merge`). `role` names it in messages ("baseline", "report").
// Throws ToolError when the file is unreadable, not JSON, not a report, or
// of another schema major version, whose fingerprints are computed
// differently and so cannot be compared with this racegate's.
Json readReportFile(const std::filesystem::path &path, std::string_view role);

} // namespace racegate

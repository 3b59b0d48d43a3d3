#pragma once

#include <string>
#include <vector>

namespace racegate {

// Parses racegate's own arguments (`ours`: everything before the first "--")
// with CLI11 and runs the chosen subcommand; `program` is everything after
// the "--". Returns the exit code; throws ToolError for usage errors.
int runCommandLine(const std::vector<std::string> &ours,
                   const std::vector<std::string> &program);

} // namespace racegate

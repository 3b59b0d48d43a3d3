#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace racegate {

// The three outcomes the CLI promises to its callers (docs/report-format.md).
enum ExitCode : int {
  ExitNoFindings = 0,
  ExitFindings = 1,
  ExitToolError = 2,
  // No finding fails the gate, but the program itself failed: it exited
  // with a non-zero status or was killed by a signal.
  ExitProgramFailed = 3,
};

// A failure of racegate itself or of its inputs (bad usage, missing file,
// compiler error, corrupt stream). main() turns it into exactly one
// "racegate: error:" line and exit code 2, so code deep in the library can
// simply throw instead of threading error codes through every layer.
class ToolError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Both print a single line to stderr; newlines in the text are flattened so a
// message can never break the one-line-per-diagnostic contract.
void printError(std::string_view message);
void printWarning(std::string_view message);

} // namespace racegate

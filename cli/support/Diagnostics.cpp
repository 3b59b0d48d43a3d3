#include "Diagnostics.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>

namespace racegate {

static void printDiagnostic(std::string_view severity,
                            std::string_view message) {
  std::string line(message);
  std::replace(line.begin(), line.end(), '\n', ' ');
  fmt::print(stderr, "racegate: {}: {}\n", severity, line);
  // The program under test writes to the same stderr; flushing keeps our
  // line whole and in order relative to its output.
  std::fflush(stderr);
}

void printError(std::string_view message) { printDiagnostic("error", message); }

void printWarning(std::string_view message) {
  printDiagnostic("warning", message);
}

} // namespace racegate

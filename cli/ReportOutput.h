#pragma once

#include "Json.h"

#include <string>

namespace racegate {

enum class ReportFormat { Json, Text };

struct OutputOptions {
  ReportFormat format = ReportFormat::Json;
  std::string outputFile; // empty: standard output
};

// "json" or "text" (the CLI validates the spelling before this is called).
ReportFormat parseReportFormat(const std::string &name);

// Writes the report in the chosen format. Text is coloured only when it goes
// to a terminal and NO_COLOR is unset. Throws ToolError if writing fails: a
// report that silently went nowhere would look like a clean run. A report
// that cannot go to its -o file goes to stdout before the error is thrown.
void writeReport(const Json &report, const OutputOptions &options);

} // namespace racegate

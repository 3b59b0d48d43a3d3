#pragma once

#include "Json.h"

#include <string>

namespace racegate {

enum class ReportFormat { Json, Sarif, Text, Github };

struct OutputOptions {
  ReportFormat format = ReportFormat::Json;
  std::string outputFile; // empty: standard output
};

// The names --format accepts, in the order --help lists them.
inline constexpr const char *kReportFormatNames[] = {"json", "sarif", "text",
                                                     "github"};

// "json", "sarif", "text" or "github" (the CLI validates the spelling before
// this is called).
ReportFormat parseReportFormat(const std::string &name);

// The report rendered in `format`; `useColour` matters for text only.
std::string renderReport(const Json &report, ReportFormat format,
                         bool useColour);

// Writes the report in the chosen format. Text is coloured only when it goes
// to a terminal and NO_COLOR is unset; the github format makes paths
// relative to $GITHUB_WORKSPACE. Throws ToolError if writing fails: a
// report that silently went nowhere would look like a clean run. A report
// that cannot go to its -o file goes to stdout before the error is thrown.
void writeReport(const Json &report, const OutputOptions &options);

} // namespace racegate

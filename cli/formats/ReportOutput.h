#pragma once

#include "Report.h"
#include "ReportSink.h"

#include <string>

namespace racegate {

enum class ReportFormat { Json, Sarif, Text, Github };

struct OutputOptions {
  ReportFormat format = ReportFormat::Json;
  std::string outputFile; // empty: standard output
  // --source-root; empty: defaultSourceRoot() (SourcePaths.h).
  std::string sourceRoot;
};

// The names --format accepts, in the order --help lists them.
inline constexpr const char *kReportFormatNames[] = {"json", "sarif", "text",
                                                     "github"};

// "json", "sarif", "text" or "github" (the CLI validates the spelling before
// this is called).
ReportFormat parseReportFormat(const std::string &name);

// Writes the report in `format` to `out`; `useColour` matters for text only.
void renderReport(const Report &report, ReportFormat format, bool useColour,
                  const std::string &sourceRoot, ReportSink &out);
// The same into a string (tests, small reports).
std::string renderReport(const Report &report, ReportFormat format,
                         bool useColour, const std::string &sourceRoot = "");

// Writes the report in the chosen format. Text is coloured only when it goes
// to a terminal and NO_COLOR is unset. The -o file is opened without
// following a symbolic link. Throws ToolError if writing fails: a report
// that silently went nowhere would look like a clean run. A report that
// cannot go to its -o file goes to stdout before the error is thrown.
void writeReport(const Report &report, const OutputOptions &options);

} // namespace racegate

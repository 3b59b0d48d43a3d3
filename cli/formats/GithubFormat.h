#pragma once

#include "Json.h"
#include "Report.h"
#include "ReportSink.h"
#include "SourcePaths.h"

#include <string>
#include <string_view>

namespace racegate {

// The report as GitHub Actions workflow commands, one annotation per finding:
//
//   ::error file=F,line=L,col=C,title=racegate data_race::MESSAGE%0A...
//
// `::warning` for findings that do not fail the gate. File paths under
// `workspace` (pass $GITHUB_WORKSPACE; may be empty) are made relative to
// it, which is how GitHub attaches annotations to the repository's files.
// A plain summary line ends the output.
void writeGithubReport(const Report &report, const SourcePaths &paths,
                       ReportSink &out);
std::string formatGithubReport(const Json &report, std::string_view workspace);

// Workflow-command escaping (as in @actions/core): the message escapes '%',
// CR and LF; property values additionally ':' and ','.
std::string escapeGithubData(std::string_view text);
std::string escapeGithubProperty(std::string_view text);

} // namespace racegate

#pragma once

#include "Json.h"
#include "Report.h"
#include "ReportSink.h"
#include "SourcePaths.h"

#include <string>

namespace racegate {

// Renders a report in the style of compiler diagnostics, so that vim's
// quickfix, Emacs compile mode, VS Code problem matchers and CI log parsers
// that understand "FILE:LINE:COL: error:" jump to the findings:
//
//   FILE:LINE:COL: error: MESSAGE [kind]
//   FILE:LINE:COL: note: DESCRIPTION (thread T)
//     #0 function file:line:col
//     #1-#4 (4 frames in system headers)
//   ...
//   racegate: N findings (K kind, ...)
//
// Findings that do not fail the gate (in the baseline, or of a kind not in
// --fail-on) are `warning:`s. Runs of frames in system headers collapse into
// one line; the JSON report keeps them all. `useColour` adds ANSI colours;
// the caller decides (terminals only).
void writeTextReport(const Report &report, bool useColour,
                     const SourcePaths &paths, ReportSink &out);
// The same for a JSON report, paths as they are (tests).
std::string formatTextReport(const Json &report, bool useColour);

// The closing line of the text report, e.g. "racegate: 2 findings (2
// data_race); 1 in the baseline, 1 fails the gate" (also used by the
// github format).
std::string formatSummaryLine(const Json &summary);

} // namespace racegate

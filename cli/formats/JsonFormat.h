#pragma once

#include "Report.h"
#include "ReportSink.h"

namespace racegate {

// The JSON report (docs/report-format.md): the document indented, each
// finding on one line, written finding by finding.
void writeJsonReport(const Report &report, ReportSink &out);

// The JSON that racegate writes: invalid UTF-8 (impossible from the model,
// which repairs its input) would become U+FFFD rather than an exception.
std::string dumpJson(const Json &value);

} // namespace racegate

#pragma once

#include "Json.h"
#include "Report.h"
#include "ReportSink.h"
#include "SourcePaths.h"

namespace racegate {

// The report as a SARIF 2.1.0 log (docs/report-format.md, "SARIF"): one run
// whose tool has one rule per finding kind, and one result per finding with
// its primary location, related locations linked from the message, every
// stack, the interleaving as code flows, and the fingerprint as a partial
// fingerprint.
void writeSarifLog(const Report &report, const SourcePaths &paths,
                   ReportSink &out);
// The same for a JSON report, paths as they are (tests).
Json makeSarifLog(const Json &report);

} // namespace racegate

// `racegate merge`: one report from the reports of many runs, typically every
// test binary of a suite, with each finding once.

#include "Commands.h"

#include "CommandSupport.h"
#include "LockOrderNotes.h"
#include "Diagnostics.h"
#include "FindingCollector.h"
#include "JsonFields.h"
#include "ReportFile.h"
#include "Report.h"

namespace racegate {

int runMergeCommand(const MergeOptions &options) {
  if (options.reports.empty())
    throw ToolError("no reports to merge (usage: racegate merge -o OUT.json "
                    "REPORT.json...)");
  // Merging into one of the inputs would lose it if the write failed.
  refuseToClobberInputs(options.output, options.gate, options.reports);
  Gate gate = loadGate(options.gate);

  // Findings go into the collector as each report is parsed; equal ones
  // from many runs are held once.
  FindingCollector findings;
  Json sources = Json::array();
  bool anyTimedOut = false;
  int64_t suppressed = 0;
  for (const std::string &path : options.reports) {
    ReportHeader input = readReportFile(
        path, "report",
        [&](Finding &&finding) { findings.add(std::move(finding)); },
        [&](std::string_view fingerprint) { return findings.holds(fingerprint); });
    anyTimedOut = anyTimedOut || (input.program.is_object() &&
                                  isTrueField(input.program, "timed_out"));
    if (input.summary.is_object())
      suppressed += integerField(input.summary, "suppressed").value_or(0);
    sources.push_back(Json{{"report", path}, {"program", input.program}});
  }

  // A merged report stands for many programs; `sources` says which.
  Report report;
  report.program = Json{{"command", Json::array()},
                        {"exit_code", nullptr},
                        {"signal", nullptr},
                        {"timed_out", anyTimedOut}};
  report.findings = findings.take();
  dropSupersededLockOrderNotes(report.findings);
  report.suppressed = suppressed;
  report.sources = std::move(sources);
  int exitCode = deliverReport(report, gate, options.output);
  keepUntilExit(report);
  return exitCode;
}

} // namespace racegate

// `racegate merge`: one report from the reports of many runs, typically every
// test binary of a suite, with each finding once.

#include "Commands.h"

#include "CommandSupport.h"
#include "Diagnostics.h"
#include "FindingCollector.h"
#include "JsonFields.h"
#include "ReportFile.h"
#include "Version.h"

namespace racegate {

namespace {

bool timedOut(const Json &report) {
  const Json *program = findMember(report, "program");
  return program && isTrueField(*program, "timed_out");
}

long long suppressedIn(const Json &report) {
  const Json *summary = findMember(report, "summary");
  return summary ? integerField(*summary, "suppressed").value_or(0) : 0;
}

} // namespace

int runMergeCommand(const MergeOptions &options) {
  if (options.reports.empty())
    throw ToolError("no reports to merge (usage: racegate merge -o OUT.json "
                    "REPORT.json...)");
  Gate gate = loadGate(options.gate);

  FindingCollector findings;
  Json sources = Json::array();
  bool anyTimedOut = false;
  long long suppressed = 0;
  for (const std::string &path : options.reports) {
    Json input = readReportFile(path, "report");
    for (Json &finding : input["findings"])
      findings.add(std::move(finding));
    anyTimedOut = anyTimedOut || timedOut(input);
    suppressed += suppressedIn(input);
    const Json *program = findMember(input, "program");
    sources.push_back(
        Json{{"report", path}, {"program", program ? *program : Json()}});
  }

  // A merged report stands for many programs; `sources` says which.
  Json report = Json::object();
  report["schema_version"] = kSchemaVersion;
  report["tool"] = Json{{"name", kToolName}, {"version", kToolVersion}};
  report["program"] = Json{{"command", Json::array()},
                           {"exit_code", nullptr},
                           {"signal", nullptr},
                           {"timed_out", anyTimedOut}};
  report["gate"] = nullptr;
  report["findings"] = findings.take();
  report["summary"] = Json{{"suppressed", suppressed}};
  report["sources"] = std::move(sources);
  return deliverReport(report, gate, options.output);
}

} // namespace racegate

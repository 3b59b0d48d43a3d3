#pragma once

#include "Finding.h"
#include "Json.h"

#include <optional>
#include <string>
#include <vector>

namespace racegate {

struct FindingsStream;

// How the analysed program ended; becomes the report's `program` object.
struct ProgramInfo {
  std::vector<std::string> command;
  std::optional<int> exitCode;       // set when it exited normally
  std::optional<std::string> signal; // "SIGSEGV" when a signal ended it
  bool timedOut = false;
};

// A report (docs/report-format.md) in the typed model. `summary` is not
// stored: the gate and the writers compute it from the findings.
struct Report {
  Json program = Json::object();
  Json gate = nullptr; // set by applyGate
  int64_t suppressed = 0;
  Findings findings;
  Json sources = nullptr; // merged reports: where the findings came from
};

// A stream record as a report finding: frames demangled (keeping
// `linkage_name`) and completed, `location` and `fingerprint` set, count 1,
// not in the baseline, failing. The message is left to FindingCollector,
// which writes it for distinct findings only.
Finding makeFinding(const Json &record);
// The same for a record already read into the model.
Finding completeFinding(Finding record);

// The same as JSON, message included (for tests and tools).
Json makeReportFinding(const Json &record);

// The finding racegate adds itself when it had to kill a program that
// outran --timeout without the runtime reporting it first.
Json makeTimeoutRecord(unsigned seconds);

Json programJson(const ProgramInfo &program);

// The report of a stream under the default gate; takes the stream's
// findings. `program.timed_out` is also set when the stream itself carries a
// timeout finding. Commands then apply the user's gate (Gate.h).
Report buildReport(FindingsStream &stream, const ProgramInfo &program);
inline Report buildReport(FindingsStream &&stream, const ProgramInfo &program) {
  return buildReport(stream, program);
}

// The `summary` object of a report.
Json summaryJson(const Report &report);

// The whole report as one JSON value (tests; small reports only: writers
// stream instead).
Json reportJson(const Report &report);
// A report read back from its JSON (tests and adapters).
Report reportFromJson(const Json &json);

} // namespace racegate

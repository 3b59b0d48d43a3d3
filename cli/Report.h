#pragma once

#include "FindingsStream.h"
#include "Json.h"

#include <optional>
#include <string>
#include <vector>

namespace racegate {

// How the analysed program ended; becomes the report's `program` object.
struct ProgramInfo {
  std::vector<std::string> command;
  std::optional<int> exitCode;       // set when it exited normally
  std::optional<std::string> signal; // "SIGSEGV" when a signal ended it
  bool timedOut = false;
};

// Turns a stream record into a report finding: drops `type`, demangles every
// frame (keeping `linkage_name`), fills in missing frame fields, and adds
// `message`, `location`, `fingerprint`, `count` = 1, `baseline` = false and
// `fails_gate` = true.
Json makeReportFinding(const Json &record);

// The finding racegate adds itself when it had to kill a program that
// outran --timeout without the runtime reporting it first.
Json makeTimeoutRecord(unsigned seconds);

bool hasFindingOfKind(const FindingsStream &stream, const std::string &kind);

// The complete report (docs/report-format.md) under the default gate:
// findings with equal fingerprints merge into the first one, whose `count`
// says how many records it stands for. `program.timed_out` is also set when
// the stream itself carries a timeout finding. Commands then apply the
// user's gate (Gate.h).
Json buildReport(const FindingsStream &stream, const ProgramInfo &program);

} // namespace racegate

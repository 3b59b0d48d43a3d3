#pragma once

// What the report-producing commands share after parsing: loading the gate
// (before any slow work, so a typo in --baseline fails at once) and
// delivering the gated report.

#include "Commands.h"
#include "Gate.h"
#include "Json.h"

#include <string>

namespace racegate {

// Reads --baseline and --suppressions and parses --fail-on; throws
// ToolError on any problem with them.
Gate loadGate(const GateOptions &options);

// Applies the gate, saves a JSON copy in `reportDir` (if not empty) as
// PROGRAM-PID.json, writes the report as asked and returns the exit code.
int deliverReport(Report &report, const Gate &gate, const OutputOptions &output,
                  const std::string &reportDir = "",
                  const std::string &programName = "");

// Keeps the report's findings until the process ends, for a command that
// ends it right after: freeing 100,000 findings piece by piece takes longer
// than the kernel takes to reclaim their pages.
void keepUntilExit(Report &report);

// Refuses, before any slow work, an -o that would overwrite one of the
// command's input files: `inputs` and the gate's baseline and suppressions.
void refuseToClobberInputs(const OutputOptions &output, const GateOptions &gate,
                           std::vector<std::string> inputs);

} // namespace racegate

#include "Commands.h"

#include "CommandSupport.h"
#include "Diagnostics.h"
#include "FindingsStream.h"
#include "Report.h"

#include <fmt/core.h>

namespace racegate {

int runReportCommand(const ReportOptions &options) {
  // `report s.jsonl -o s.jsonl` would replace the stream with its report.
  refuseToClobberInputs(options.output, options.gate, {options.streamFile});
  Gate gate = loadGate(options.gate);
  FindingsStream stream = readFindingsStream(options.streamFile);
  for (const std::string &warning : stream.warnings)
    printWarning(warning);
  // Unlike `run`, a stream without `start` is still reported: it may be a
  // hand-written or filtered stream, and its findings are what matter here.
  if (!stream.hasStart)
    printWarning(fmt::format("findings stream {} has no start record",
                             options.streamFile));
  ProgramInfo program; // the command is not recorded in the stream
  program.exitCode = stream.exitStatus;
  Report report = buildReport(stream, program);
  int exitCode = deliverReport(report, gate, options.output);
  keepUntilExit(report);
  return exitCode;
}

} // namespace racegate

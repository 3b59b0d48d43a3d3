#include "Commands.h"

#include "ProgramRunner.h"
#include "Report.h"

namespace racegate {

int runRunCommand(const RunOptions &options) {
  RunRequest request{options.command, options.timeoutSeconds};
  Json report = runInstrumentedProgram(request);
  writeReport(report, options.output);
  return exitCodeForReport(report);
}

} // namespace racegate

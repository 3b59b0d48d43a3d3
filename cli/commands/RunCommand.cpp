#include "Commands.h"

#include "CommandSupport.h"
#include "ProgramRunner.h"

namespace racegate {

int runRunCommand(const RunOptions &options) {
  // `run -o ./prog -- ./prog` would replace the program with its report.
  refuseToClobberInputs(options.output, options.gate, {options.command.front()});
  Gate gate = loadGate(options.gate);
  RunRequest request;
  request.command = options.command;
  request.timeoutSeconds = options.run.timeoutSeconds;
  request.starvationMillis = options.run.starvationMillis;
  request.exitGraceMillis = options.run.exitGraceMillis;
  request.historyKiB = options.run.historyKiB;
  request.showProgress = stderrIsInteractive();
  RunOutcome outcome = runInstrumentedProgram(request);
  int gateExitCode = deliverReport(outcome.report, gate, options.output,
                                   options.run.reportDir, options.command.front());
  return exitCodeWithProgramStatus(gateExitCode, outcome,
                                   options.run.allowProgramFailure);
}

} // namespace racegate

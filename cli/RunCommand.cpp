#include "Commands.h"

#include "CommandSupport.h"
#include "ProgramRunner.h"

namespace racegate {

int runRunCommand(const RunOptions &options) {
  Gate gate = loadGate(options.gate);
  RunRequest request;
  request.command = options.command;
  request.timeoutSeconds = options.run.timeoutSeconds;
  request.starvationMillis = options.run.starvationMillis;
  request.showProgress = stderrIsInteractive();
  Json report = runInstrumentedProgram(request);
  return deliverReport(report, gate, options.output, options.run.reportDir,
                       options.command.front());
}

} // namespace racegate

#include "ProgramRunner.h"

#include "Diagnostics.h"
#include "ElfCheck.h"
#include "FindingsStream.h"
#include "Process.h"
#include "ProgramLookup.h"
#include "Report.h"
#include "TempDir.h"

#include <fmt/core.h>

#include <fstream>

namespace racegate {

namespace {

constexpr const char *kBuildAdvice =
    "build it with racegate check or the racegate compiler flags";

void requireInstrumented(const std::string &name,
                         const std::filesystem::path &path) {
  switch (inspectBinary(path)) {
  case BinaryVerdict::Instrumented:
    return;
  case BinaryVerdict::NotInstrumented:
  case BinaryVerdict::NotExecutable:
    throw ToolError(fmt::format(
        "{} was not built with racegate (no racegate runtime in it); {}", name,
        kBuildAdvice));
  case BinaryVerdict::NotElf:
    throw ToolError(fmt::format(
        "{} was not built with racegate (it is not an ELF executable); {}",
        name, kBuildAdvice));
  case BinaryVerdict::Unreadable:
    throw ToolError(fmt::format("{}: cannot read the program", name));
  }
}

} // namespace

Json runInstrumentedProgram(const RunRequest &request) {
  if (request.command.empty())
    throw ToolError("no program given (usage: racegate run -- PROGRAM [ARGS])");
  const std::string &name = request.command.front();
  std::filesystem::path program = resolveProgram(name);
  requireInstrumented(name, program);

  TempDir dir;
  std::filesystem::path streamPath = dir.path() / "findings.jsonl";
  // Created up front so an empty stream reads as empty rather than missing.
  std::ofstream(streamPath).close();

  ProcessOptions options;
  options.environment.emplace_back("RACEGATE_FINDINGS", streamPath.string());
  if (request.timeoutSeconds > 0) {
    options.environment.emplace_back("RACEGATE_TIMEOUT",
                                     std::to_string(request.timeoutSeconds));
    options.killAfter = std::chrono::seconds(uint64_t(request.timeoutSeconds) +
                                             kKillGraceSeconds);
  }
  std::vector<std::string> argv = request.command;
  argv.front() = program.string();
  ProcessResult outcome = runProcess(argv, options);

  FindingsStream stream;
  try {
    stream = readFindingsStream(streamPath);
  } catch (const ToolError &) {
    dir.keep(); // the message names the file; it must still be there
    throw;
  }
  for (const std::string &warning : stream.warnings)
    printWarning(warning);
  if (!stream.hasStart)
    throw ToolError(fmt::format(
        "{} did not start the racegate runtime (its findings stream has no "
        "start record)",
        name));
  if (outcome.wasKilledForTimeout && !hasFindingOfKind(stream, "timeout"))
    stream.findings.push_back(makeTimeoutRecord(request.timeoutSeconds));

  ProgramInfo info;
  info.command = request.command;
  info.exitCode = outcome.exitCode;
  if (outcome.signal)
    info.signal = signalName(*outcome.signal);
  info.timedOut = outcome.wasKilledForTimeout;
  return buildReport(stream, info);
}

} // namespace racegate

#include "ProgramRunner.h"

#include "Diagnostics.h"
#include "ElfCheck.h"
#include "FindingsStream.h"
#include "Process.h"
#include "ProgramLookup.h"
#include "ProgressDisplay.h"
#include "Report.h"
#include "TempDir.h"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <unistd.h>

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

unsigned long long parseStarvationThreshold(const std::string &seconds) {
  const char *begin = seconds.c_str();
  char *end = nullptr;
  errno = 0;
  double value = std::strtod(begin, &end);
  // strtod also accepts "inf", "nan" and hex floats; only plain positive
  // decimals make sense as a threshold.
  bool isPlain = !seconds.empty() &&
                 seconds.find_first_not_of("0123456789.") == std::string::npos;
  if (!isPlain || end == begin || *end != '\0' || errno != 0 ||
      !std::isfinite(value) || value <= 0 || value > 1e9)
    throw ToolError(fmt::format("--starvation-threshold: '{}' is not a "
                                "positive number of seconds (e.g. 0.5 or 2)",
                                seconds));
  return std::max(
      1ULL, static_cast<unsigned long long>(std::llround(value * 1000.0)));
}

bool stderrIsInteractive() {
  const char *term = std::getenv("TERM");
  return isatty(STDERR_FILENO) && !(term && std::string_view(term) == "dumb");
}

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
  if (request.starvationMillis)
    options.environment.emplace_back("RACEGATE_STARVATION_MS",
                                     std::to_string(*request.starvationMillis));
  std::unique_ptr<ProgressDisplay> progress;
  if (request.showProgress)
    progress = ProgressDisplay::open(streamPath, STDERR_FILENO);
  if (progress) {
    options.outputFd = progress->childOutputFd();
    options.whileRunning = [&](int pid, std::chrono::milliseconds budget) {
      progress->childStarted();
      progress->whileRunning(pid, budget);
    };
  }
  std::vector<std::string> argv = request.command;
  argv.front() = program.string();
  ProcessResult outcome = runProcess(argv, options);
  if (progress)
    progress->finish();

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

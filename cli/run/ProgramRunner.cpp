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
#include <cstring>
#include <fcntl.h>
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

// The processes that started the runtime, from their start records. A
// plain scan, as the stream may be in the middle of being written.
std::vector<int> processesInStream(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<int> pids;
  std::string line;
  constexpr std::string_view kPid = "\"pid\":";
  while (std::getline(in, line)) {
    size_t pid = line.find(kPid);
    if (pid != std::string::npos &&
        line.find("\"type\":\"start\"") != std::string::npos)
      pids.push_back(std::atoi(line.c_str() + pid + kPid.size()));
  }
  return pids;
}

bool hasFileOpen(int pid, const std::filesystem::path &file) {
  std::error_code error;
  for (const auto &entry : std::filesystem::directory_iterator(
           "/proc/" + std::to_string(pid) + "/fd", error)) {
    std::error_code linkError;
    if (std::filesystem::read_symlink(entry.path(), linkError) == file)
      return true;
  }
  return false;
}

// A pipe on which the runtime tells of records it could not write (a full
// disk): it needs no disk space itself.
class LossChannel {
public:
  LossChannel() {
    if (pipe2(ends, O_CLOEXEC) != 0)
      throw ToolError(fmt::format("cannot create a pipe: {}",
                                  std::strerror(errno)));
    fcntl(ends[0], F_SETFL, O_NONBLOCK);
  }
  ~LossChannel() {
    close(ends[0]);
    close(ends[1]);
  }
  LossChannel(const LossChannel &) = delete;
  LossChannel &operator=(const LossChannel &) = delete;

  int writeEnd() const { return ends[1]; }
  // How many records were lost so far.
  size_t lostRecords() {
    char buffer[4096];
    for (;;) {
      ssize_t n = read(ends[0], buffer, sizeof(buffer));
      if (n > 0)
        lost += size_t(n);
      else if (!(n < 0 && errno == EINTR))
        return lost;
    }
  }

private:
  int ends[2] = {-1, -1};
  size_t lost = 0;
};

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

int exitCodeWithProgramStatus(int gateExitCode, const RunOutcome &outcome,
                              bool allowProgramFailure) {
  if (gateExitCode != ExitNoFindings || outcome.programFailure.empty() ||
      allowProgramFailure)
    return gateExitCode;
  fmt::print(stderr,
             "racegate: the program {}; that fails the run (exit {}) unless "
             "--allow-program-failure is given\n",
             outcome.programFailure, int(ExitProgramFailed));
  return ExitProgramFailed;
}

namespace {

// The runtime's own ends (after a deadlock, stall or timeout finding) are
// verdicts already in the report; anything else non-zero is the program's.
std::string describeFailure(const ProcessResult &outcome) {
  if (outcome.wasKilledForTimeout)
    return {};
  if (outcome.signal)
    return fmt::format("was killed by {}", signalName(*outcome.signal));
  if (!outcome.exitCode || *outcome.exitCode == 0 ||
      *outcome.exitCode == kHangExitStatus ||
      *outcome.exitCode == kTimeoutExitStatus)
    return {};
  return fmt::format("exited with status {}", *outcome.exitCode);
}

} // namespace

RunOutcome runInstrumentedProgram(const RunRequest &request) {
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
  // Authenticates the runtime's records: the program cannot pass its own off
  // as findings.
  const std::string streamKey = makeStreamKey();
  options.environment.emplace_back("RACEGATE_STREAM_KEY", streamKey);
  LossChannel losses;
  options.environment.emplace_back("RACEGATE_STATUS_FD",
                                   std::to_string(losses.writeEnd()));
  options.inheritedFds.push_back(losses.writeEnd());
  // The runtime ends every process of the run once racegate is gone.
  options.environment.emplace_back("RACEGATE_SUPERVISOR",
                                   std::to_string(getpid()));
  options.endDescendants = true;
  options.descendantGrace = kDescendantGrace;
  // A process of the run that has the runtime: it announced itself in the
  // stream, or (just forked, not yet announced) has the stream open.
  options.isAwaited = [&](int pid) {
    std::vector<int> announced = processesInStream(streamPath);
    return std::find(announced.begin(), announced.end(), pid) !=
               announced.end() ||
           hasFileOpen(pid, streamPath);
  };
  if (request.timeoutSeconds > 0) {
    options.environment.emplace_back("RACEGATE_TIMEOUT",
                                     std::to_string(request.timeoutSeconds));
    options.killAfter = std::chrono::seconds(uint64_t(request.timeoutSeconds) +
                                             kKillGraceSeconds);
  }
  if (request.starvationMillis)
    options.environment.emplace_back("RACEGATE_STARVATION_MS",
                                     std::to_string(*request.starvationMillis));
  if (request.exitGraceMillis)
    options.environment.emplace_back("RACEGATE_EXIT_GRACE_MS",
                                     std::to_string(*request.exitGraceMillis));
  if (request.historyKiB)
    options.environment.emplace_back("RACEGATE_HISTORY_KB",
                                     std::to_string(*request.historyKiB));
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
    stream = readFindingsStream(streamPath, streamKey);
  } catch (const ToolError &) {
    dir.keep(); // the message names the file; it must still be there
    throw;
  }
  for (const std::string &warning : stream.warnings)
    printWarning(warning);
  if (size_t lost = losses.lostRecords()) {
    dir.keep();
    throw ToolError(fmt::format(
        "findings were lost: the runtime could not write {} record{} to the "
        "findings stream {} (is the disk full?)",
        lost, lost == 1 ? "" : "s", streamPath.string()));
  }
  if (!stream.integrityProblem.empty()) {
    dir.keep();
    throw ToolError(fmt::format(
        "the findings stream {} was cut or tampered with: {}; the report "
        "cannot be trusted",
        streamPath.string(), stream.integrityProblem));
  }
  if (!stream.hasStart)
    throw ToolError(fmt::format(
        "{} did not start the racegate runtime (its findings stream has no "
        "start record)",
        name));
  for (int pid : outcome.killedDescendants)
    printWarning(fmt::format(
        "process {}, started by {}, was still running {} s after it ended; "
        "racegate ended it, so findings it had not written yet are missing",
        pid, name, kDescendantGrace.count() / 1000));
  if (outcome.wasKilledForTimeout && !stream.findings.hasKind("timeout"))
    stream.findings.add(makeFinding(makeTimeoutRecord(request.timeoutSeconds)));

  ProgramInfo info;
  info.command = request.command;
  info.exitCode = outcome.exitCode;
  if (outcome.signal)
    info.signal = signalName(*outcome.signal);
  info.timedOut = outcome.wasKilledForTimeout;
  return {buildReport(stream, info), describeFailure(outcome)};
}

} // namespace racegate

#pragma once

#include "Json.h"
#include "Report.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace racegate {

struct RunRequest {
  std::vector<std::string> command; // the program and its arguments
  unsigned timeoutSeconds = 0;      // 0: no timeout
  // Passed as RACEGATE_STARVATION_MS; the runtime's default when unset.
  std::optional<unsigned long long> starvationMillis;
  // Passed as RACEGATE_EXIT_GRACE_MS; the runtime's default when unset.
  std::optional<unsigned> exitGraceMillis;
  // Passed as RACEGATE_HISTORY_KB; the runtime's default when unset.
  std::optional<unsigned> historyKiB;
  // Show the live status line (ProgressDisplay.h); the caller decides,
  // true only when stderr is a terminal.
  bool showProgress = false;
};

// How long after the runtime's own timeout racegate kills the program: the
// grace lets the runtime write its `timeout` finding (with every thread's
// stack) first, which is far more useful than a bare kill.
inline constexpr unsigned kKillGraceSeconds = 3;

// How long racegate waits, after the program ended, for instrumented
// processes it started that still run (they may still write findings),
// before it ends them.
inline constexpr std::chrono::milliseconds kDescendantGrace{5000};

// The exit statuses of a program the runtime ended itself
// (runtime/include/racegate/RuntimeAbi.h).
inline constexpr int kHangExitStatus = 86;
inline constexpr int kTimeoutExitStatus = 124;

// --starvation-threshold SECONDS (a decimal number, e.g. "0.5") in whole
// milliseconds, rounded to the nearest and at least 1. Throws ToolError for
// anything that is not a positive finite number.
unsigned long long parseStarvationThreshold(const std::string &seconds);

// Whether racegate's stderr is a terminal that can show a status line.
bool stderrIsInteractive();

struct RunOutcome {
  Report report; // under the default gate
  // Why the program failed ("exited with status 3", "was killed by
  // SIGSEGV"), or empty when it succeeded or the runtime itself ended it
  // after a finding (deadlock, stall, timeout).
  std::string programFailure;
};

// The exit code of a command that ran a program: the gate's, unless it
// passed while the program failed and that was not allowed.
int exitCodeWithProgramStatus(int gateExitCode, const RunOutcome &outcome,
                              bool allowProgramFailure);

// Runs an instrumented program with a fresh findings stream and returns the
// report (under the default gate) and how the program ended. Throws ToolError when the program is
// missing, not instrumented, does not start the runtime, or leaves a corrupt
// stream (which is then kept on disk and named in the message).
RunOutcome runInstrumentedProgram(const RunRequest &request);

} // namespace racegate

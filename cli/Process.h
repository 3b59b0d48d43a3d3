#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace racegate {

struct ProcessOptions {
  // Variables set (or replaced) in the child's environment.
  std::vector<std::pair<std::string, std::string>> environment;
  // Kill the child with SIGKILL if it is still running after this long;
  // zero means wait forever.
  std::chrono::milliseconds killAfter{0};
  // When not -1, the child's stdout and stderr go to this descriptor instead
  // of racegate's stderr (the progress display relays them through a pty).
  int outputFd = -1;
  // When set, called over and over while the child runs, with the child's
  // pid and how long the call may take (it waits for output, so a quiet
  // child costs no CPU).
  std::function<void(int pid, std::chrono::milliseconds budget)> whileRunning;
};

struct ProcessResult {
  std::optional<int> exitCode; // set when the child exited
  std::optional<int> signal;   // set when a signal ended it
  bool wasKilledForTimeout = false;

  bool succeeded() const { return exitCode && *exitCode == 0; }
};

// Runs argv[0] (a path; no PATH search) with argv and waits for it. The
// child's stdout is redirected to our stderr (or to `outputFd`) so whatever
// racegate prints on stdout (the report) stays machine-readable in a pipe.
// While it runs, racegate ignores SIGINT and SIGQUIT, like system(3): a Ctrl-C
// stops the program, and racegate survives to report what it found. SIGTERM and
// SIGHUP are passed on to the child for the same reason. Throws ToolError when
// the child cannot be started.
ProcessResult runProcess(const std::vector<std::string> &argv,
                         const ProcessOptions &options = {});

// "SIGSEGV" for SIGSEGV; "SIG<n>" for signals without a name.
std::string signalName(int signal);

} // namespace racegate

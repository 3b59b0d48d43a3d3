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
  // Whether the whole process tree of the child ends with it: racegate
  // becomes the reaper of the child's descendants and, once the child has
  // ended, waits up to `descendantGrace` (but never past `killAfter`) while
  // any descendant for which `isAwaited` holds still runs, then kills every
  // descendant left. Other descendants (helpers that are not instrumented)
  // are not waited for.
  bool endDescendants = false;
  // Descriptors the child inherits as they are (all others are closed on
  // exec as usual).
  std::vector<int> inheritedFds;
  std::chrono::milliseconds descendantGrace{0};
  std::function<bool(int pid)> isAwaited;
};

struct ProcessResult {
  std::optional<int> exitCode; // set when the child exited
  std::optional<int> signal;   // set when a signal ended it
  bool wasKilledForTimeout = false;
  // Awaited descendants that were still running and were killed.
  std::vector<int> killedDescendants;

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

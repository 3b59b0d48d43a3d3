#pragma once

#include "ReportOutput.h"

#include <optional>
#include <string>
#include <vector>

namespace racegate {

// The subcommands, already parsed by main(). Each returns the exit code
// (docs/gating.md: 0 nothing fails the gate, 1 something does) or throws
// ToolError (exit code 2).

// --fail-on, --baseline and --suppressions, as given.
struct GateOptions {
  std::string failOn = "default";
  std::string baselineFile;
  std::string suppressionsFile;
};

// What every command that runs a program takes.
struct RunSettings {
  unsigned timeoutSeconds = 0;
  std::optional<unsigned long long> starvationMillis;
  // --exit-grace: passed as RACEGATE_EXIT_GRACE_MS when given.
  std::optional<unsigned> exitGraceMillis;
  // --history-size: passed as RACEGATE_HISTORY_KB when given.
  std::optional<unsigned> historyKiB;
  // --report-dir: also save the JSON report there, under a unique name.
  std::string reportDir;
  // --allow-program-failure: a failing program alone does not fail racegate.
  bool allowProgramFailure = false;
};

struct CheckOptions {
  OutputOptions output;
  GateOptions gate;
  RunSettings run;
  std::vector<std::string> sources;
  std::vector<std::string> cflags; // raw --cflags values, not yet split
  bool hasCflags = false;
  std::string keepBinary;
  std::vector<std::string> programArgs;
};

struct RunOptions {
  OutputOptions output;
  GateOptions gate;
  RunSettings run;
  std::vector<std::string> command;
};

struct ReportOptions {
  OutputOptions output;
  GateOptions gate;
  std::string streamFile;
};

struct MergeOptions {
  OutputOptions output;
  GateOptions gate;
  std::vector<std::string> reports;
};

int runCheckCommand(const CheckOptions &options);
int runRunCommand(const RunOptions &options);
int runReportCommand(const ReportOptions &options);
int runMergeCommand(const MergeOptions &options);
// `racegate explain [KIND]`: prints to stdout; an unknown kind is a
// ToolError that lists the kinds.
int runExplainCommand(const std::optional<std::string> &kind);

// `racegate cc|c++ ARGS...` and the racegate-cc/racegate-c++ links: replaces
// racegate with clang (CompilerWrapper.h); returns only on failure.
int runCompilerWrapper(bool isCxx, const std::vector<std::string> &arguments);

} // namespace racegate

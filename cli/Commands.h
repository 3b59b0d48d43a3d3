#pragma once

#include "ReportOutput.h"

#include <string>
#include <vector>

namespace racegate {

// The three subcommands, already parsed by main(). Each returns the exit code
// (0 no findings, 1 findings) or throws ToolError (exit code 2).

struct CheckOptions {
  OutputOptions output;
  unsigned timeoutSeconds = 0;
  std::vector<std::string> sources;
  std::vector<std::string> cflags; // raw --cflags values, not yet split
  bool hasCflags = false;
  std::string keepBinary;
  std::vector<std::string> programArgs;
};

struct RunOptions {
  OutputOptions output;
  unsigned timeoutSeconds = 0;
  std::vector<std::string> command;
};

struct ReportOptions {
  OutputOptions output;
  std::string streamFile;
};

int runCheckCommand(const CheckOptions &options);
int runRunCommand(const RunOptions &options);
int runReportCommand(const ReportOptions &options);

} // namespace racegate

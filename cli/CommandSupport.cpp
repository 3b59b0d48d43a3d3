#include "CommandSupport.h"

#include "Diagnostics.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace racegate {

Gate loadGate(const GateOptions &options) {
  Gate gate;
  gate.failOn = parseFailOn(options.failOn);
  if (!options.baselineFile.empty()) {
    gate.baseline = readBaseline(options.baselineFile);
    gate.baselineFile = options.baselineFile;
  }
  if (!options.suppressionsFile.empty()) {
    gate.suppressions = Suppressions::read(options.suppressionsFile);
    gate.suppressionsFile = options.suppressionsFile;
  }
  return gate;
}

// One file per racegate process: a CTest suite runs the same test binary
// many times, and in parallel.
static void saveJsonCopy(const Json &report, const std::string &dir,
                         const std::string &programName) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  std::string stem = std::filesystem::path(programName).filename().string();
  std::filesystem::path file =
      std::filesystem::path(dir) /
      fmt::format("{}-{}.json", stem.empty() ? "report" : stem, getpid());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << renderReport(report, ReportFormat::Json, false);
  out.close();
  if (!out)
    throw ToolError(fmt::format("cannot write the report to {}: {}",
                                file.string(), std::strerror(errno)));
}

int deliverReport(Json &report, const Gate &gate, const OutputOptions &output,
                  const std::string &reportDir,
                  const std::string &programName) {
  applyGate(report, gate);
  writeReport(report, output);
  if (!reportDir.empty())
    saveJsonCopy(report, reportDir, programName);
  return exitCodeForReport(report);
}

} // namespace racegate

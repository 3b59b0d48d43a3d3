#include "CommandSupport.h"

#include "Diagnostics.h"
#include "OutputFile.h"
#include "ReportSink.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
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
// many times, and in parallel. The directory may be shared, so the name is
// created exclusively and never through a link planted at it.
static void saveJsonCopy(const Report &report, const std::string &dir,
                         const std::string &programName) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  std::string stem = std::filesystem::path(programName).filename().string();
  std::filesystem::path file =
      std::filesystem::path(dir) /
      fmt::format("{}-{}.json", stem.empty() ? "report" : stem, getpid());
  int fd = openReportFile(file.string(), true);
  if (fd < 0)
    throw ToolError(fmt::format("cannot write the report to {}: {}",
                                file.string(),
                                errno == EEXIST ? "it already exists"
                                : errno == ELOOP ? "it is a symbolic link"
                                                 : std::strerror(errno)));
  FdSink out(fd);
  renderReport(report, ReportFormat::Json, false, "", out);
  int writeError = out.finish();
  if (::close(fd) != 0 && writeError == 0)
    writeError = errno;
  if (writeError)
    throw ToolError(fmt::format("cannot write the report to {}: {}",
                                file.string(), std::strerror(writeError)));
}

void keepUntilExit(Report &report) {
  static auto *kept = new std::vector<Findings>;
  kept->push_back(std::move(report.findings));
}

void refuseToClobberInputs(const OutputOptions &output, const GateOptions &gate,
                           std::vector<std::string> inputs) {
  for (const std::string *file : {&gate.baselineFile, &gate.suppressionsFile})
    if (!file->empty())
      inputs.push_back(*file);
  refuseToClobber(output.outputFile, inputs, "-o");
}

int deliverReport(Report &report, const Gate &gate, const OutputOptions &output,
                  const std::string &reportDir,
                  const std::string &programName) {
  applyGate(report, gate);
  writeReport(report, output);
  if (!reportDir.empty())
    saveJsonCopy(report, reportDir, programName);
  return exitCodeForReport(report);
}

} // namespace racegate

#include "ReportOutput.h"

#include "Diagnostics.h"
#include "GithubFormat.h"
#include "JsonFormat.h"
#include "OutputFile.h"
#include "SarifFormat.h"
#include "SourcePaths.h"
#include "TextFormat.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace racegate {

namespace {

bool stdoutWantsColour() {
  const char *term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") &&
         !(term && std::string_view(term) == "dumb");
}

void writeToStdout(const Report &report, const OutputOptions &options,
                   bool useColour) {
  FdSink out(STDOUT_FILENO);
  renderReport(report, options.format, useColour, options.sourceRoot, out);
  if (int error = out.finish())
    throw ToolError(
        fmt::format("cannot write the report to standard output: {}",
                    std::strerror(error)));
}

} // namespace

ReportFormat parseReportFormat(const std::string &name) {
  if (name == "sarif")
    return ReportFormat::Sarif;
  if (name == "text")
    return ReportFormat::Text;
  if (name == "github")
    return ReportFormat::Github;
  return ReportFormat::Json;
}

void renderReport(const Report &report, ReportFormat format, bool useColour,
                  const std::string &sourceRoot, ReportSink &out) {
  if (format == ReportFormat::Json) {
    writeJsonReport(report, out);
    return;
  }
  SourcePaths paths(sourceRoot.empty() ? defaultSourceRoot() : sourceRoot);
  switch (format) {
  case ReportFormat::Sarif:
    writeSarifLog(report, paths, out);
    return;
  case ReportFormat::Text:
    writeTextReport(report, useColour, paths, out);
    return;
  case ReportFormat::Github:
    writeGithubReport(report, paths, out);
    return;
  case ReportFormat::Json:
    break;
  }
}

std::string renderReport(const Report &report, ReportFormat format,
                         bool useColour, const std::string &sourceRoot) {
  StringSink out;
  renderReport(report, format, useColour, sourceRoot, out);
  return out.take();
}

void writeReport(const Report &report, const OutputOptions &options) {
  if (options.outputFile.empty()) {
    writeToStdout(report, options, stdoutWantsColour());
    return;
  }
  int fd = openReportFile(options.outputFile, false);
  int error = fd < 0 ? errno : 0;
  if (fd >= 0) {
    FdSink out(fd);
    renderReport(report, options.format, false, options.sourceRoot, out);
    error = out.finish();
    if (::close(fd) != 0 && error == 0)
      error = errno;
    if (error == 0)
      return;
  }
  // The run may have taken minutes and cannot be repeated exactly; a typo
  // in -o must not throw its findings away.
  writeToStdout(report, options, false);
  throw ToolError(fmt::format("cannot write the report to {}: {} (wrote it "
                              "to standard output instead)",
                              options.outputFile,
                              error == ELOOP ? "it is a symbolic link"
                                             : std::strerror(error)));
}

} // namespace racegate

#include "ReportOutput.h"

#include "Diagnostics.h"
#include "GithubFormat.h"
#include "SarifFormat.h"
#include "TextFormat.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unistd.h>

namespace racegate {

namespace {

bool stdoutWantsColour() {
  const char *term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") &&
         !(term && std::string_view(term) == "dumb");
}

// Returns false (with errno set) when the file cannot be written.
bool writeToFile(const std::string &text, const std::string &path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return bool(out);
}

void writeToStdout(const std::string &text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout))
    throw ToolError(
        fmt::format("cannot write the report to standard output: {}",
                    std::strerror(errno)));
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

std::string renderReport(const Json &report, ReportFormat format,
                         bool useColour) {
  auto dump = [](const Json &json) {
    return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  };
  switch (format) {
  case ReportFormat::Sarif:
    return dump(makeSarifLog(report));
  case ReportFormat::Text:
    return formatTextReport(report, useColour);
  case ReportFormat::Github: {
    const char *workspace = std::getenv("GITHUB_WORKSPACE");
    return formatGithubReport(report, workspace ? workspace : "");
  }
  case ReportFormat::Json:
    break;
  }
  return dump(report);
}

void writeReport(const Json &report, const OutputOptions &options) {
  bool toStdout = options.outputFile.empty();
  std::string text =
      renderReport(report, options.format, toStdout && stdoutWantsColour());
  if (toStdout) {
    writeToStdout(text);
    return;
  }
  if (writeToFile(text, options.outputFile))
    return;
  // The run may have taken minutes and cannot be repeated exactly; a typo
  // in -o must not throw its findings away.
  std::string reason = std::strerror(errno);
  writeToStdout(text);
  throw ToolError(fmt::format("cannot write the report to {}: {} (wrote it "
                              "to standard output instead)",
                              options.outputFile, reason));
}

} // namespace racegate

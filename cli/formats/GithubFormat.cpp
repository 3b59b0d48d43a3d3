#include "GithubFormat.h"

#include "FindingKinds.h"
#include "Frames.h"
#include "TextFormat.h"

#include <fmt/core.h>

#include <vector>

namespace racegate {

namespace {

std::string framePosition(const Frame &frame, const SourcePaths &paths) {
  if (frame.file.empty())
    return "unknown location";
  return fmt::format("{}:{}:{}", paths.display(frame.file), frame.line,
                     frame.column);
}

// The annotation body: the message, then one line per stack at its user
// frame, so the annotation alone shows both sides of a race.
std::string annotationBody(const Finding &finding, const SourcePaths &paths) {
  std::string body = finding.message;
  for (const Stack &stack : finding.stacks) {
    const Frame *frame = primaryFrame(stack.frames);
    body += fmt::format("\n{} at {}", stack.description.str(),
                        frame ? framePosition(*frame, paths)
                              : std::string("unknown location"));
  }
  if (finding.count > 1)
    body += fmt::format("\nreported {} times", finding.count);
  return body;
}

std::string annotation(const Finding &finding, const SourcePaths &paths) {
  std::vector<std::string> properties;
  const Frame &location = finding.location;
  if (!location.file.empty()) {
    properties.push_back("file=" +
                         escapeGithubProperty(paths.display(location.file)));
    if (location.line > 0)
      properties.push_back(fmt::format("line={}", location.line));
    if (location.column > 0)
      properties.push_back(fmt::format("col={}", location.column));
  }
  std::string title = "racegate " + finding.kind.str();
  if (finding.baseline)
    title += " (in the baseline)";
  properties.push_back("title=" + escapeGithubProperty(title));

  std::string command = finding.failsGate                   ? "error"
                        : isNoteKind(finding.kind.view()) ? "notice"
                                                          : "warning";
  std::string joined;
  for (const std::string &property : properties)
    joined += (joined.empty() ? "" : ",") + property;
  return fmt::format("::{} {}::{}\n", command, joined,
                     escapeGithubData(annotationBody(finding, paths)));
}

} // namespace

std::string escapeGithubData(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%')
      escaped += "%25";
    else if (c == '\r')
      escaped += "%0D";
    else if (c == '\n')
      escaped += "%0A";
    else
      escaped += c;
  }
  return escaped;
}

std::string escapeGithubProperty(std::string_view text) {
  std::string escaped;
  for (char c : escapeGithubData(text)) {
    if (c == ':')
      escaped += "%3A";
    else if (c == ',')
      escaped += "%2C";
    else
      escaped += c;
  }
  return escaped;
}

void writeGithubReport(const Report &report, const SourcePaths &paths,
                       ReportSink &out) {
  for (const Finding &finding : report.findings)
    out.write(annotation(finding, paths));
  out.write(formatSummaryLine(summaryJson(report)));
}

std::string formatGithubReport(const Json &report, std::string_view workspace) {
  StringSink out;
  writeGithubReport(reportFromJson(report), SourcePaths(std::string(workspace)),
                    out);
  return out.take();
}

} // namespace racegate

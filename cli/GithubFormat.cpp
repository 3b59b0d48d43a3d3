#include "GithubFormat.h"

#include "Frames.h"
#include "JsonFields.h"
#include "TextFormat.h"

#include <fmt/core.h>

#include <vector>

namespace racegate {

namespace {

std::string relativeTo(std::string_view workspace, const std::string &file) {
  if (workspace.empty())
    return file;
  std::string root(workspace);
  if (!root.ends_with('/'))
    root += '/';
  return file.starts_with(root) ? file.substr(root.size()) : file;
}

std::string framePosition(const Json &frame, std::string_view workspace) {
  std::string file = stringField(frame, "file");
  if (file.empty())
    return "unknown location";
  return fmt::format("{}:{}:{}", relativeTo(workspace, normalisedPath(file)),
                     integerField(frame, "line").value_or(0),
                     integerField(frame, "column").value_or(0));
}

// The annotation body: the message, then one line per stack at its user
// frame, so the annotation alone shows both sides of a race.
std::string annotationBody(const Json &finding, std::string_view workspace) {
  std::string body = stringField(finding, "message");
  if (const Json *stacks = findMember(finding, "stacks");
      stacks && stacks->is_array())
    for (const Json &stack : *stacks) {
      const Json *frame = primaryFrame(findMember(stack, "frames"));
      body += fmt::format("\n{} at {}", stringField(stack, "description"),
                          frame ? framePosition(*frame, workspace)
                                : std::string("unknown location"));
    }
  if (auto count = integerField(finding, "count"); count && *count > 1)
    body += fmt::format("\nreported {} times", *count);
  return body;
}

std::string annotation(const Json &finding, std::string_view workspace) {
  std::vector<std::string> properties;
  const Json *location = findMember(finding, "location");
  std::string file = location ? stringField(*location, "file") : "";
  if (!file.empty()) {
    properties.push_back("file=" + escapeGithubProperty(relativeTo(
                                       workspace, normalisedPath(file))));
    if (auto line = integerField(*location, "line"); line && *line > 0)
      properties.push_back(fmt::format("line={}", *line));
    if (auto column = integerField(*location, "column"); column && *column > 0)
      properties.push_back(fmt::format("col={}", *column));
  }
  std::string title = "racegate " + stringField(finding, "kind");
  if (isTrueField(finding, "baseline"))
    title += " (in the baseline)";
  properties.push_back("title=" + escapeGithubProperty(title));

  std::string command =
      isTrueField(finding, "fails_gate") ? "error" : "warning";
  std::string joined;
  for (const std::string &property : properties)
    joined += (joined.empty() ? "" : ",") + property;
  return fmt::format("::{} {}::{}\n", command, joined,
                     escapeGithubData(annotationBody(finding, workspace)));
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

std::string formatGithubReport(const Json &report, std::string_view workspace) {
  std::string out;
  if (const Json *findings = findMember(report, "findings");
      findings && findings->is_array())
    for (const Json &finding : *findings)
      out += annotation(finding, workspace);
  if (const Json *summary = findMember(report, "summary"))
    out += formatSummaryLine(*summary);
  return out;
}

} // namespace racegate

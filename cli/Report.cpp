#include "Report.h"

#include "Demangle.h"
#include "Diagnostics.h"
#include "FindingCollector.h"
#include "FindingMessage.h"
#include "Fingerprint.h"
#include "Frames.h"
#include "Gate.h"
#include "JsonFields.h"
#include "Version.h"

namespace racegate {

namespace {

// Frames appear in many places (stacks, thread creation stacks, lock
// acquisition sites, heap allocation stacks) and the runtime may add more;
// anything shaped like a frame is treated as one wherever it is.
bool looksLikeFrame(const Json &value) {
  return value.is_object() && value.contains("function") &&
         value.contains("file");
}

void normaliseFrame(Json &frame) {
  Json &function = frame["function"];
  if (!function.is_string())
    function = "??";
  std::string linkageName = function.get<std::string>();
  std::string readable = demangle(linkageName);
  if (readable != linkageName) {
    function = readable;
    frame["linkage_name"] = linkageName;
  }
  if (!frame["file"].is_string())
    frame["file"] = "";
  for (const char *key : {"line", "column"})
    if (!frame.contains(key) || !frame[key].is_number_integer())
      frame[key] = 0;
}

void normaliseFramesIn(Json &value) {
  if (looksLikeFrame(value)) {
    normaliseFrame(value);
    return;
  }
  if (value.is_structured())
    for (Json &child : value)
      normaliseFramesIn(child);
}

// Stacks and their frames are what the text format and `location` rely on,
// so they are given every required field even if the stream omitted some.
void normaliseStacks(Json &finding) {
  Json &stacks = finding["stacks"];
  if (!stacks.is_array())
    stacks = Json::array();
  for (Json &stack : stacks) {
    if (!stack.is_object())
      stack = Json::object();
    if (!stack.contains("thread"))
      stack["thread"] = nullptr;
    if (!stack["description"].is_string())
      stack["description"] = "";
    Json &frames = stack["frames"];
    if (!frames.is_array())
      frames = Json::array();
    for (Json &frame : frames) {
      if (!frame.is_object())
        frame = Json::object();
      if (!frame.contains("function"))
        frame["function"] = "??";
      if (!frame.contains("file"))
        frame["file"] = "";
    }
  }
  if (!finding["threads"].is_array())
    finding["threads"] = Json::array();
}

Json locationOf(const Json &finding) {
  const Json &stacks = finding["stacks"];
  const Json *frame =
      stacks.empty() ? nullptr : primaryFrame(&stacks[0]["frames"]);
  if (!frame)
    return Json{{"file", ""}, {"line", 0}, {"column", 0}, {"function", ""}};
  return Json{{"file", (*frame)["file"]},
              {"line", (*frame)["line"]},
              {"column", (*frame)["column"]},
              {"function", (*frame)["function"]}};
}

} // namespace

Json makeReportFinding(const Json &record) {
  Json body = record.is_object() ? record : Json::object();
  body.erase("type");
  // The stream parser guarantees a kind; this keeps direct callers safe.
  if (!body["kind"].is_string())
    body["kind"] = "unknown";
  normaliseStacks(body);
  normaliseFramesIn(body);

  // Summary fields first: they are what a reader of the JSON looks for.
  Json finding = Json::object();
  finding["kind"] = body["kind"];
  finding["message"] = describeFinding(body);
  finding["location"] = locationOf(body);
  finding["fingerprint"] = fingerprintFinding(body);
  finding["count"] = 1;
  // Until a gate (Gate.h) says otherwise, every finding is new and fails.
  finding["baseline"] = false;
  finding["fails_gate"] = true;
  for (auto &[key, value] : body.items())
    if (!finding.contains(key))
      finding[key] = value;
  return finding;
}

Json makeTimeoutRecord(unsigned seconds) {
  return Json{
      {"type", "finding"},
      {"kind", "timeout"},
      {"stacks", Json::array()},
      {"threads", Json::array()},
      {"timeout", Json{{"seconds", seconds}, {"threads", Json::array()}}}};
}

bool hasFindingOfKind(const FindingsStream &stream, const std::string &kind) {
  for (const Json &record : stream.findings)
    if (stringField(record, "kind") == kind)
      return true;
  return false;
}

Json buildReport(const FindingsStream &stream, const ProgramInfo &program) {
  FindingCollector findings;
  for (const Json &record : stream.findings)
    findings.add(makeReportFinding(record));

  Json programJson = Json::object();
  programJson["command"] = program.command;
  programJson["exit_code"] =
      program.exitCode ? Json(*program.exitCode) : Json(nullptr);
  programJson["signal"] =
      program.signal ? Json(*program.signal) : Json(nullptr);
  programJson["timed_out"] =
      program.timedOut || hasFindingOfKind(stream, "timeout");

  Json report = Json::object();
  report["schema_version"] = kSchemaVersion;
  report["tool"] = Json{{"name", kToolName}, {"version", kToolVersion}};
  report["program"] = std::move(programJson);
  report["gate"] = nullptr; // keeps the key in its documented place
  report["findings"] = findings.take();
  applyGate(report, Gate{});
  return report;
}

} // namespace racegate

#include "Report.h"

#include "FindingCollector.h"
#include "FindingKinds.h"
#include "FindingsStream.h"
#include "Fingerprint.h"
#include "Gate.h"
#include "LockOrderNotes.h"
#include "Version.h"

#include <map>

namespace racegate {

namespace {

Frame locationOf(const Finding &finding) {
  const Frame *frame = finding.stacks.empty()
                           ? nullptr
                           : primaryFrame(finding.stacks[0].frames);
  if (!frame) {
    Frame none;
    none.function = Text("");
    none.file = Text("");
    return none;
  }
  return *frame;
}

} // namespace

Finding makeFinding(const Json &record) {
  return completeFinding(record.get<Finding>());
}

Finding completeFinding(Finding finding) {
  finding.message.clear();
  finding.location = locationOf(finding);
  finding.fingerprint = fingerprintFinding(finding);
  finding.count = 1;
  // Until a gate (Gate.h) says otherwise, every finding is new and fails.
  finding.baseline = false;
  finding.failsGate = true;
  return finding;
}

Json makeReportFinding(const Json &record) {
  FindingCollector one;
  one.add(makeFinding(record));
  return Json(one.findings().front());
}

Json makeTimeoutRecord(unsigned seconds) {
  return Json{
      {"type", "finding"},
      {"kind", "timeout"},
      {"stacks", Json::array()},
      {"threads", Json::array()},
      {"timeout", Json{{"seconds", seconds}, {"threads", Json::array()}}}};
}

Json programJson(const ProgramInfo &program) {
  Json json = Json::object();
  json["command"] = program.command;
  json["exit_code"] =
      program.exitCode ? Json(*program.exitCode) : Json(nullptr);
  json["signal"] = program.signal ? Json(*program.signal) : Json(nullptr);
  json["timed_out"] = program.timedOut;
  return json;
}

Report buildReport(FindingsStream &stream, const ProgramInfo &program) {
  Report report;
  report.program = programJson(program);
  report.program["timed_out"] =
      program.timedOut || stream.findings.hasKind("timeout");
  report.findings = stream.findings.take();
  dropSupersededLockOrderNotes(report.findings);
  applyGate(report, Gate{});
  return report;
}

Json summaryJson(const Report &report) {
  // std::map keeps by_kind in a stable, alphabetical order.
  std::map<std::string_view, long long> byKind;
  long long failing = 0;
  long long inBaseline = 0;
  for (const Finding &finding : report.findings) {
    ++byKind[finding.kind.view()];
    failing += finding.failsGate;
    inBaseline += finding.baseline;
  }
  Json byKindJson = Json::object();
  for (const auto &[kind, count] : byKind)
    byKindJson[std::string(kind)] = count;
  return Json{{"total", report.findings.size()},
              {"by_kind", std::move(byKindJson)},
              {"failing", failing},
              {"baseline", inBaseline},
              {"suppressed", report.suppressed}};
}

Json reportJson(const Report &report) {
  Json json = Json::object();
  json["schema_version"] = kSchemaVersion;
  json["tool"] = Json{{"name", kToolName}, {"version", kToolVersion}};
  json["program"] = report.program;
  json["gate"] = report.gate;
  Json findings = Json::array();
  for (const Finding &finding : report.findings)
    findings.push_back(finding);
  json["findings"] = std::move(findings);
  json["summary"] = summaryJson(report);
  if (!report.sources.is_null())
    json["sources"] = report.sources;
  return json;
}

Report reportFromJson(const Json &json) {
  Report report;
  if (!json.is_object())
    return report;
  if (auto it = json.find("program"); it != json.end())
    report.program = *it;
  if (auto it = json.find("gate"); it != json.end())
    report.gate = *it;
  if (auto it = json.find("summary"); it != json.end() && it->is_object())
    if (auto s = it->find("suppressed");
        s != it->end() && s->is_number_integer())
      report.suppressed = s->get<int64_t>();
  if (auto it = json.find("findings"); it != json.end() && it->is_array())
    for (const Json &finding : *it) {
      Finding typed = finding.get<Finding>();
      if (typed.fingerprint.empty())
        typed.fingerprint = fingerprintFinding(typed);
      report.findings.push_back(std::move(typed));
    }
  if (auto it = json.find("sources"); it != json.end())
    report.sources = *it;
  return report;
}

} // namespace racegate

#include "ReportFile.h"

#include "Diagnostics.h"
#include "InputLimits.h"
#include "Version.h"

#include <fmt/core.h>

#include <fstream>
#include <system_error>

namespace racegate {

namespace {

std::string majorVersion(std::string_view version) {
  return std::string(version.substr(0, version.find('.')));
}

struct TooDeep {};

} // namespace

ReportHeader readReportFile(const std::filesystem::path &path,
                            std::string_view role,
                            const std::function<void(Finding &&)> &onFinding) {
  std::string name = path.string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ToolError(fmt::format("cannot read {} {}: it is a directory", role,
                                name));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ToolError(fmt::format("cannot read {} {}", role, name));

  std::string topKey;
  bool findingsIsArray = false;
  bool hasBadFinding = false;
  // Findings are handed over as they end and then dropped from the tree,
  // so memory stays at one finding plus the small members.
  auto callback = [&](int depth, Json::parse_event_t event, Json &parsed) {
    using Event = Json::parse_event_t;
    if ((event == Event::object_start || event == Event::array_start) &&
        depth >= kMaxJsonDepth)
      throw TooDeep{};
    if (event == Event::key && depth == 1)
      topKey = parsed.get<std::string>();
    if (event == Event::array_start && depth == 1 && topKey == "findings")
      findingsIsArray = true;
    if (depth == 2 && topKey == "findings" && findingsIsArray &&
        (event == Event::object_end || event == Event::value ||
         event == Event::array_end)) {
      if (event != Event::object_end || !parsed.is_object()) {
        hasBadFinding = true;
        return false;
      }
      auto fingerprint = parsed.find("fingerprint");
      if (fingerprint == parsed.end() || !fingerprint->is_string() ||
          fingerprint->get_ref<const std::string &>().empty()) {
        hasBadFinding = true;
        return false;
      }
      onFinding(parsed.get<Finding>());
      return false;
    }
    return true;
  };

  Json report;
  try {
    report = Json::parse(in, callback);
  } catch (const TooDeep &) {
    throw ToolError(fmt::format("{} {} is nested deeper than {} levels", role,
                                name, kMaxJsonDepth));
  } catch (const Json::exception &) {
    throw ToolError(
        fmt::format("{} {} is not valid JSON (expected a racegate JSON report)",
                    role, name));
  }
  ReportHeader header;
  auto member = [&](const char *key) -> Json {
    auto it = report.is_object() ? report.find(key) : report.end();
    return report.is_object() && it != report.end() ? *it : Json();
  };
  Json version = member("schema_version");
  header.tool = member("tool");
  header.program = member("program");
  header.summary = member("summary");
  bool isReport = findingsIsArray && member("findings").is_array() &&
                  version.is_string() && header.tool.is_object() &&
                  header.tool.value("name", Json()) == Json(kToolName);
  if (!isReport)
    throw ToolError(fmt::format("{} {} is not a racegate JSON report (one "
                                "written with --format json)",
                                role, name));
  header.schemaVersion = version.get<std::string>();
  if (majorVersion(header.schemaVersion) != majorVersion(kSchemaVersion))
    throw ToolError(fmt::format(
        "{} {} has schema version {}, whose fingerprints differ from version "
        "{}; regenerate it with this racegate",
        role, name, header.schemaVersion, kSchemaVersion));
  if (hasBadFinding)
    throw ToolError(fmt::format("{} {} has a finding without a fingerprint",
                                role, name));
  return header;
}

} // namespace racegate

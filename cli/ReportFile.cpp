#include "ReportFile.h"

#include "Diagnostics.h"
#include "JsonFields.h"
#include "Version.h"

#include <fmt/core.h>

#include <fstream>

namespace racegate {

static std::string majorVersion(std::string_view version) {
  return std::string(version.substr(0, version.find('.')));
}

Json readReportFile(const std::filesystem::path &path, std::string_view role) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ToolError(fmt::format("cannot read {} {}", role, path.string()));
  Json report;
  try {
    report = Json::parse(in);
  } catch (const Json::exception &) {
    throw ToolError(
        fmt::format("{} {} is not valid JSON (expected a racegate JSON report)",
                    role, path.string()));
  }
  const Json *findings = findMember(report, "findings");
  const Json *tool = findMember(report, "tool");
  std::string version = stringField(report, "schema_version");
  if (!findings || !findings->is_array() || version.empty() || !tool ||
      stringField(*tool, "name") != kToolName)
    throw ToolError(fmt::format("{} {} is not a racegate JSON report (one "
                                "written with --format json)",
                                role, path.string()));
  if (majorVersion(version) != majorVersion(kSchemaVersion))
    throw ToolError(fmt::format(
        "{} {} has schema version {}, whose fingerprints differ from version "
        "{}; regenerate it with this racegate",
        role, path.string(), version, kSchemaVersion));
  for (const Json &finding : *findings)
    if (!finding.is_object() || stringField(finding, "fingerprint").empty())
      throw ToolError(fmt::format("{} {} has a finding without a fingerprint",
                                  role, path.string()));
  return report;
}

} // namespace racegate

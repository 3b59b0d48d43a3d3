#include "ReportFile.h"

#include "Diagnostics.h"
#include "InputLimits.h"
#include "Version.h"

#include "ChunkedJsonInput.h"
#include "FindingReader.h"
#include "JsonReader.h"

#include <fmt/core.h>

#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace racegate {

namespace {

std::string majorVersion(std::string_view version) {
  return std::string(version.substr(0, version.find('.')));
}

} // namespace

ReportHeader readReportFile(
    const std::filesystem::path &path, std::string_view role,
    const std::function<void(Finding &&)> &onFinding,
    const std::function<bool(std::string_view)> &isHeld) {
  std::string name = path.string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ToolError(fmt::format("cannot read {} {}: it is a directory", role,
                                name));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw ToolError(fmt::format("cannot read {} {}", role, name));
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};

  // The findings are read one by one and handed over, so memory holds one
  // finding's text at a time; the other members are small.
  ChunkedJsonInput in(fd);
  bool isObject = false;
  bool findingsIsArray = false;
  bool hasBadFinding = false;
  Json report = Json::object();
  auto readFindings = [&] {
    in.expect('[');
    if (in.consume(']'))
      return;
    do {
      std::optional<Finding> finding;
      in.parseValue(2, kMaxJsonDepth, kMaxRecordBytes, [&](std::string_view text) {
        JsonReader reader(text, kMaxJsonDepth - 2, kMaxRecordValues);
        finding.reset();
        if (reader.peek() != JsonReader::Kind::Object) {
          reader.skip();
        } else {
          finding = readFinding(reader, isHeld);
        }
        reader.finish();
      });
      if (!finding || finding->fingerprint.empty())
        hasBadFinding = true;
      else
        onFinding(std::move(*finding));
    } while (in.consume(','));
    in.expect(']');
  };
  try {
    if (in.peek() != '{') {
      // Some other JSON value, or none.
      std::string_view text = in.value(0, kMaxJsonDepth, kMaxRecordBytes);
      JsonReader reader(text, kMaxJsonDepth, kMaxRecordValues);
      reader.skip();
      reader.finish();
    } else {
      isObject = true;
      in.expect('{');
      if (!in.consume('}')) {
        do {
          std::string_view keyText = in.value(1, kMaxJsonDepth, kMaxRecordBytes);
          JsonReader keyReader(keyText, 1);
          std::string key(keyReader.string());
          keyReader.finish();
          in.expect(':');
          if (key == "findings" && in.peek() == '[') {
            findingsIsArray = true;
            readFindings();
            report[key] = Json::array();
            continue;
          }
          std::string_view text = in.value(1, kMaxJsonDepth, kMaxRecordBytes);
          JsonReader reader(text, kMaxJsonDepth - 1, kMaxRecordValues);
          Json value = reader.value();
          reader.finish();
          if (key == "findings")
            findingsIsArray = false;
          report[key] = std::move(value);
        } while (in.consume(','));
        in.expect('}');
      }
    }
    in.finish();
  } catch (const JsonTooDeep &) {
    throw ToolError(fmt::format("{} {} is nested deeper than {} levels", role,
                                name, kMaxJsonDepth));
  } catch (const JsonLimitError &e) {
    throw ToolError(fmt::format("{} {} is too large to read: {}", role, name,
                                e.what()));
  } catch (const JsonReadError &) {
    throw ToolError(
        fmt::format("{} {} is not valid JSON (expected a racegate JSON report)",
                    role, name));
  }
  ReportHeader header;
  auto member = [&](const char *key) -> Json {
    auto it = report.find(key);
    return it != report.end() ? *it : Json();
  };
  Json version = member("schema_version");
  header.tool = member("tool");
  header.program = member("program");
  header.summary = member("summary");
  bool isReport = isObject && findingsIsArray && version.is_string() &&
                  header.tool.is_object() &&
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

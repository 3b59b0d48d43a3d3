#include "FindingsStream.h"

#include "Diagnostics.h"
#include "FindingKinds.h"

#include <fmt/core.h>

#include <fstream>
#include <sstream>

namespace racegate {

namespace {

// nlohmann prefixes its messages with "[json.exception.parse_error.101] ";
// users do not need the library's error taxonomy.
std::string cleanParseError(const std::string &what) {
  if (!what.empty() && what.front() == '[') {
    if (auto close = what.find("] "); close != std::string::npos)
      return what.substr(close + 2);
  }
  return what;
}

bool isBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

class LineParser {
public:
  LineParser(std::string_view name, FindingsStream &out)
      : name(name), out(out) {}

  void parse(std::string_view line, size_t lineNumber, bool isUnterminated) {
    if (isBlank(line))
      return;
    Json record;
    try {
      record = Json::parse(line);
    } catch (const Json::parse_error &e) {
      if (isUnterminated) {
        out.warnings.push_back(fmt::format(
            "dropped the unterminated last line {} of findings stream {} "
            "(the program was probably killed while writing it)",
            lineNumber, name));
        return;
      }
      fail(lineNumber, "not valid JSON: " + cleanParseError(e.what()));
    }
    if (!record.is_object() || !record.contains("type") ||
        !record["type"].is_string())
      fail(lineNumber, "record has no \"type\"");
    accept(std::move(record), lineNumber);
  }

private:
  [[noreturn]] void fail(size_t lineNumber, const std::string &detail) const {
    throw ToolError(fmt::format("corrupt findings stream {} line {}: {}", name,
                                lineNumber, detail));
  }

  void accept(Json record, size_t lineNumber) {
    const std::string type = record["type"].get<std::string>();
    if (type == "start") {
      out.hasStart = true;
    } else if (type == "exit") {
      if (auto it = record.find("status");
          it != record.end() && it->is_number_integer())
        out.exitStatus = it->get<int>();
    } else if (type == "finding") {
      acceptFinding(std::move(record), lineNumber);
    }
    // Other types are ignored on purpose: a newer runtime may add record
    // types, and an older CLI should still report the findings it knows.
  }

  void acceptFinding(Json record, size_t lineNumber) {
    auto kind = record.find("kind");
    if (kind == record.end() || !kind->is_string())
      fail(lineNumber, "finding has no \"kind\"");
    if (!isKnownFindingKind(kind->get<std::string>()))
      out.warnings.push_back(fmt::format(
          "findings stream {} line {}: unknown finding kind '{}' (is the "
          "runtime newer than this racegate?)",
          name, lineNumber, kind->get<std::string>()));
    for (const char *key : {"stacks", "threads"}) {
      if (record.contains(key) && !record[key].is_array())
        fail(lineNumber, fmt::format("\"{}\" is not an array", key));
    }
    record.erase("type");
    out.findings.push_back(std::move(record));
  }

  std::string_view name;
  FindingsStream &out;
};

} // namespace

FindingsStream parseFindingsStream(std::string_view text,
                                   std::string_view name) {
  FindingsStream stream;
  LineParser parser(name, stream);
  size_t lineNumber = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    ++lineNumber;
    size_t end = text.find('\n', begin);
    bool isUnterminated = end == std::string_view::npos;
    if (isUnterminated)
      end = text.size();
    parser.parse(text.substr(begin, end - begin), lineNumber, isUnterminated);
    begin = end + 1;
  }
  return stream;
}

FindingsStream readFindingsStream(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ToolError(
        fmt::format("cannot read findings stream {}", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw ToolError(
        fmt::format("cannot read findings stream {}", path.string()));
  return parseFindingsStream(text.view(), path.string());
}

} // namespace racegate

#include "FindingsStream.h"

#include "Diagnostics.h"
#include "FindingKinds.h"
#include "FindingReader.h"
#include "InputLimits.h"
#include "JsonReader.h"
#include "Report.h"

#include "racegate/StreamMac.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <random>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace racegate {

namespace {

bool isBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

class LineParser {
public:
  LineParser(std::string_view name, FindingsStream &out,
             std::optional<streammac::Key> key)
      : name(name), out(out), key(key) {}

  void parse(std::string_view line, size_t lineNumber, bool isUnterminated) {
    if (isBlank(line))
      return;
    if (line.size() > kMaxRecordBytes)
      fail(lineNumber, fmt::format("record longer than {} MiB",
                                   kMaxRecordBytes >> 20));
    Record record;
    // A record the reader reads is valid UTF-8 and nested no deeper than
    // the limit (the reader checks both), so the pre-scan, which repairs
    // the one and refuses the other, is only run for a record it cannot
    // read: that record then fails, or is repaired and read, exactly as
    // when every record was pre-scanned.
    if (!tryReadRecord(line, lineNumber, record) &&
        !readCheckedRecord(line, lineNumber, isUnterminated, record))
      return;
    if (!record.type)
      fail(lineNumber, "record has no \"type\"");
    if (key && !streammac::verify(*key, line)) {
      noteProblem(fmt::format(
          "line {} is a record the runtime did not write (it lacks the "
          "run's authentication code): the program wrote into its own "
          "findings stream, and that record is not reported",
          lineNumber));
      return;
    }
    accept(std::move(record), lineNumber);
    ++acceptedRecords;
  }

  // The numbers of a process must have no holes (the last ones may be
  // missing: the process was killed while writing).
  void closeProcess(int process) {
    auto it = numbers.find(process);
    if (it == numbers.end())
      return;
    const std::set<uint64_t> &seen = it->second;
    if (!seen.empty() && *seen.rbegin() + 1 != seen.size())
      noteProblem(fmt::format(
          "{} of the {} records of process {} are missing",
          *seen.rbegin() + 1 - seen.size(), *seen.rbegin() + 1, process));
    numbers.erase(it);
  }

  void finish() {
    while (!numbers.empty())
      closeProcess(numbers.begin()->first);
  }

private:
  [[noreturn]] void fail(size_t lineNumber, const std::string &detail) const {
    throw ToolError(fmt::format("corrupt findings stream {} line {}: {}", name,
                                lineNumber, detail));
  }

  // A stream record: the members every type may have, and the finding.
  struct Record {
    std::optional<std::string> type;
    std::optional<int64_t> pid;
    std::optional<uint64_t> seq;
    std::optional<Json> streamVersion;
    std::optional<int64_t> status;
    bool hasKind = false;
    Finding finding;
  };

  Record readRecord(std::string_view text, size_t lineNumber) {
    JsonReader reader(text, kMaxJsonDepth, kMaxRecordValues);
    Record record;
    if (reader.peek() != JsonReader::Kind::Object) {
      reader.skip();
      reader.finish();
      fail(lineNumber, "record has no \"type\"");
    }
    reader.object([&](std::string_view key) {
      using Kind = JsonReader::Kind;
      if (key == "type") {
        if (reader.peek() == Kind::String)
          record.type = std::string(reader.string());
        else
          reader.skip();
      } else if (key == "pid" || key == "seq" || key == "status") {
        bool isNumber = reader.peek() == Kind::Number;
        std::optional<int64_t> value;
        if (isNumber)
          value = reader.number();
        else
          reader.skip();
        if (key == "pid")
          record.pid = value;
        else if (key == "status")
          record.status = value;
        else if (value && *value >= 0)
          record.seq = uint64_t(*value);
      } else if (key == "stream_version") {
        record.streamVersion = reader.value();
      } else {
        if ((key == "stacks" || key == "threads") &&
            reader.peek() != Kind::Array)
          fail(lineNumber, fmt::format("\"{}\" is not an array", key));
        if (key == "kind")
          record.hasKind = reader.peek() == Kind::String;
        readFindingMember(reader, key, record.finding);
      }
    });
    reader.finish();
    return record;
  }

  // Reads the record as it is; false, with nothing reported, when it
  // cannot (readCheckedRecord then finds out why).
  bool tryReadRecord(std::string_view line, size_t lineNumber, Record &record) {
    try {
      record = readRecord(line, lineNumber);
      return true;
    } catch (const JsonReadError &) {
    } catch (const ToolError &) {
    }
    record = Record();
    return false;
  }

  // Pre-scans the record, then reads it; false when it is the cut last
  // line of a killed program, dropped with a warning.
  bool readCheckedRecord(std::string_view line, size_t lineNumber,
                         bool isUnterminated, Record &record) {
    std::string repaired;
    if (std::string problem = checkJsonText(line, repaired); !problem.empty())
      fail(lineNumber, problem);
    try {
      record = readRecord(repaired.empty() ? line : repaired, lineNumber);
    } catch (const JsonLimitError &e) {
      fail(lineNumber, e.what());
    } catch (const JsonReadError &e) {
      // A kill in the middle of a write leaves a cut record, and only after
      // the records before it; anything else is not a stream.
      if (isUnterminated && acceptedRecords > 0 && line.front() == '{') {
        out.warnings.push_back(fmt::format(
            "dropped the unterminated last line {} of findings stream {} "
            "(the program was probably killed while writing it)",
            lineNumber, name));
        return false;
      }
      fail(lineNumber, std::string("not valid JSON: ") + e.what());
    }
    return true;
  }

  // Every record of stream version 2 carries its process and a number: a
  // process numbers its records 0, 1, 2, ... from its start record on.
  void checkSequence(const Record &record, size_t lineNumber) {
    if (!record.pid || !record.seq) {
      // Stream version 1 had no numbers; since version 2 every record of
      // the runtime has them.
      if (sequenced)
        noteProblem(fmt::format(
            "line {} is a record the runtime did not write (it has no "
            "sequence number)",
            lineNumber));
      return;
    }
    sequenced = true;
    int process = int(*record.pid);
    uint64_t number = *record.seq;
    if (*record.type == "start" && number == 0) {
      closeProcess(process);
      numbers[process] = {};
    }
    auto it = numbers.find(process);
    if (it == numbers.end() || !it->second.insert(number).second)
      noteProblem(fmt::format(
          "line {} repeats record {} of process {} or belongs to no process "
          "that started the runtime",
          lineNumber, number, process));
  }

  void noteProblem(std::string problem) {
    if (out.integrityProblem.empty())
      out.integrityProblem = std::move(problem);
  }

  // A stream of a version this racegate does not know may mean something
  // else by the same records: reading it as if it did would be a silent
  // pass.
  void checkVersion(const Record &record, size_t lineNumber) {
    if (!record.streamVersion)
      return; // hand-written streams may leave it out
    const Json &version = *record.streamVersion;
    if (!version.is_number_integer() ||
        version.get<long long>() < kMinStreamVersion ||
        version.get<long long>() > kMaxStreamVersion)
      fail(lineNumber,
           fmt::format("unknown stream version {} (this racegate reads "
                       "versions {} to {}; is the runtime newer?)",
                       version.dump(-1, ' ', false,
                                    Json::error_handler_t::replace)
                           .substr(0, 40),
                       kMinStreamVersion, kMaxStreamVersion));
  }

  void accept(Record record, size_t lineNumber) {
    const std::string &type = *record.type;
    checkSequence(record, lineNumber);
    if (type == "start") {
      checkVersion(record, lineNumber);
      out.hasStart = true;
      if (record.pid)
        out.processes.push_back(int(*record.pid));
    } else if (type == "exit") {
      if (record.status)
        out.exitStatus = int(*record.status);
    } else if (type == "finding") {
      acceptFinding(std::move(record), lineNumber);
    } else if (type == "warning") {
      // What the runtime could not do, such as check every thread.
      if (!record.finding.message.empty())
        out.warnings.push_back(record.finding.message);
    }
    // Other record types are ignored on purpose: within a known stream
    // version they carry nothing the report needs.
  }

  void acceptFinding(Record record, size_t lineNumber) {
    if (!record.hasKind)
      fail(lineNumber, "finding has no \"kind\"");
    std::string kind = record.finding.kind.str();
    if (!isKnownFindingKind(kind))
      fail(lineNumber, fmt::format("unknown finding kind '{}' (is the "
                                   "runtime newer than this racegate?)",
                                   kind.substr(0, 60)));
    out.findings.add(completeFinding(std::move(record.finding)));
  }

  std::string_view name;
  FindingsStream &out;
  std::map<int, std::set<uint64_t>> numbers;
  bool sequenced = false;
  size_t acceptedRecords = 0;
  std::optional<streammac::Key> key;
};

// Feeds a parser with lines from chunks of text.
class LineSplitter {
public:
  LineSplitter(std::string_view name, FindingsStream &out,
               std::optional<streammac::Key> key)
      : name(name), parser(name, out, key) {}

  void feed(std::string_view chunk) {
    while (!chunk.empty()) {
      size_t newline = chunk.find('\n');
      if (newline == std::string_view::npos) {
        if (pending.size() + chunk.size() > kMaxRecordBytes)
          throw ToolError(fmt::format(
              "corrupt findings stream {} line {}: record longer than {} MiB",
              name, lineNumber + 1, kMaxRecordBytes >> 20));
        pending.append(chunk);
        return;
      }
      ++lineNumber;
      if (pending.empty()) {
        parser.parse(chunk.substr(0, newline), lineNumber, false);
      } else {
        pending.append(chunk.substr(0, newline));
        parser.parse(pending, lineNumber, false);
        pending.clear();
      }
      chunk.remove_prefix(newline + 1);
    }
  }

  void finish() {
    if (!pending.empty())
      parser.parse(pending, ++lineNumber, true);
    parser.finish();
  }

private:
  std::string_view name;
  LineParser parser;
  std::string pending;
  size_t lineNumber = 0;
};

std::optional<streammac::Key> parsedKey(std::string_view key) {
  if (key.empty())
    return std::nullopt;
  streammac::Key parsed;
  if (!streammac::parseKey(key, parsed))
    throw ToolError("invalid findings stream key");
  return parsed;
}

} // namespace

std::string makeStreamKey() {
  std::random_device entropy;
  std::string key;
  for (int i = 0; i < 4; ++i)
    key += fmt::format("{:08x}", uint32_t(entropy()));
  return key;
}

FindingsStream parseFindingsStream(std::string_view text,
                                   std::string_view name,
                                   std::string_view key) {
  FindingsStream stream;
  LineSplitter splitter(name, stream, parsedKey(key));
  splitter.feed(text);
  splitter.finish();
  return stream;
}

FindingsStream readFindingsStream(const std::filesystem::path &path,
                                  std::string_view key) {
  std::string name = path.string();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw ToolError(fmt::format("cannot read findings stream {}: {}", name,
                                std::strerror(errno)));
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat status {};
  if (::fstat(fd, &status) == 0 && S_ISDIR(status.st_mode))
    throw ToolError(fmt::format(
        "cannot read findings stream {}: it is a directory", name));

  FindingsStream stream;
  LineSplitter splitter(name, stream, parsedKey(key));
  std::string buffer(size_t(1) << 20, '\0');
  for (;;) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      throw ToolError(fmt::format("cannot read findings stream {}: {}", name,
                                  std::strerror(errno)));
    if (got == 0)
      break;
    splitter.feed(std::string_view(buffer.data(), size_t(got)));
  }
  splitter.finish();
  return stream;
}

} // namespace racegate

#pragma once

#include "FindingCollector.h"
#include "Json.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace racegate {

// What the CLI needs from a findings stream (docs/findings-stream.md).
struct FindingsStream {
  // At least one `start` record: proof that the runtime was loaded.
  bool hasStart = false;
  // Status from the last `exit` record, when the program exited normally.
  std::optional<int> exitStatus;
  // The distinct findings, in stream order, repeats counted.
  FindingCollector findings;
  // Non-fatal oddities (a truncated last line); the caller decides how to
  // show them so the parser stays free of I/O side effects.
  std::vector<std::string> warnings;
  // Why the stream cannot be trusted to hold every record the runtime
  // wrote (some are missing, or appear twice), or empty.
  std::string integrityProblem;
  // The processes that started the runtime, in stream order.
  std::vector<int> processes;
};

// The stream versions this racegate reads.
inline constexpr int kMinStreamVersion = 1;
inline constexpr int kMaxStreamVersion = 2;

// Parses the text of a stream, record by record. `name` only appears in
// messages. Throws ToolError("corrupt findings stream NAME line N: ...")
// for a line that is not a JSON object with a string `type`, is nested too
// deeply, holds a number out of range, is longer than kMaxRecordBytes, has
// an unknown stream version or an unknown finding kind. An unterminated
// last line that starts like a record after earlier records is what a kill
// in the middle of a write leaves behind: it is dropped with a warning.
//
// With `key` (the run's RACEGATE_STREAM_KEY, 32 hex digits), every record
// must carry the runtime's authentication code for it: one that does not is
// left out and makes the stream's integrity a problem (the program wrote
// into its own findings stream).
FindingsStream parseFindingsStream(std::string_view text,
                                   std::string_view name,
                                   std::string_view key = {});

// Reads and parses a stream file without holding it in memory; a missing
// file, a directory or a read error is a ToolError.
FindingsStream readFindingsStream(const std::filesystem::path &path,
                                  std::string_view key = {});

// A new random key for one run, as RACEGATE_STREAM_KEY expects it.
std::string makeStreamKey();

} // namespace racegate

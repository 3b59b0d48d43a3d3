#pragma once

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
  // The `finding` records in stream order, with `type` removed.
  std::vector<Json> findings;
  // Non-fatal oddities (a truncated last line, an unknown kind); the caller
  // decides how to show them so the parser stays free of I/O side effects.
  std::vector<std::string> warnings;
};

// Parses the text of a stream. `name` only appears in messages. Throws
// ToolError("corrupt findings stream NAME line N: ...") for a line that is
// not a JSON object with a string `type`, except for an unterminated last line,
// which is what a kill in the middle of a write leaves behind: that one is
// dropped with a warning.
FindingsStream parseFindingsStream(std::string_view text,
                                   std::string_view name);

// Reads and parses a stream file; a missing file is a ToolError.
FindingsStream readFindingsStream(const std::filesystem::path &path);

} // namespace racegate

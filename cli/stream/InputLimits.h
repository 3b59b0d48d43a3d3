#pragma once

// Limits on the JSON racegate reads (findings streams, reports, baselines),
// which may come from a crashed program, a truncated upload or an attacker.
// Each is a clear error instead of a crash or an unbounded process.

#include <cstddef>
#include <string>
#include <string_view>

namespace racegate {

// Far deeper than any record the runtime writes (about 6 levels).
inline constexpr int kMaxJsonDepth = 64;
// One stream record: a timeout finding with thousands of threads stays far
// below this.
inline constexpr size_t kMaxRecordBytes = size_t(64) << 20;
// JSON values in one record (a stream line, a report's finding or other
// member). Real frames are about 7 values in 150 bytes, so this is some
// 280,000 frames, 40 MB of text: far more than the runtime writes (a timeout
// finding of thousands of threads is a few MB). It keeps a record of
// two-byte values (`{},{},...`) to about a hundred MB of memory.
inline constexpr size_t kMaxRecordValues = 2'000'000;

// Checks one JSON text for nesting deeper than kMaxJsonDepth and makes its
// strings valid UTF-8: a byte that is not part of a valid UTF-8 sequence
// (a source path in another encoding, written as raw bytes by the runtime)
// becomes the six characters `\\xNN` in `repaired`, i.e. the text "\xNN"
// in the parsed string. Returns an error message, or "" when the text may
// be parsed; `repaired` is left empty when the text needed no change.
std::string checkJsonText(std::string_view text, std::string &repaired);

} // namespace racegate

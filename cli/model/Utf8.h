#pragma once

// Reports hold UTF-8 only, but a source path may be in another encoding:
// the runtime writes its bytes as they are, and the stream reader replaces
// each byte that is not part of a valid UTF-8 sequence with the four
// characters `\xNN` (InputLimits.h). These helpers apply the same mapping
// to paths from the command line (so that --source-root still matches such
// a path) and undo it where the bytes themselves are wanted (file URIs,
// whose percent-encoding can carry any byte).

#include <cstddef>
#include <string>
#include <string_view>

namespace racegate {

// The length of the valid UTF-8 sequence at `text[i]` (a non-ASCII lead
// byte), or 0 when it is not one.
size_t validUtf8Length(std::string_view text, size_t i);

// `text` with each byte outside a valid UTF-8 sequence as `\xNN`.
std::string escapeInvalidUtf8(std::string_view text);

// The reverse: each `\xNN` (two upper-case hex digits of a byte >= 0x80, as
// escapeInvalidUtf8 writes them) back to its byte.
std::string restoreEscapedBytes(std::string_view text);

} // namespace racegate

#include "InputLimits.h"

#include "Utf8.h"

#include <fmt/core.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace racegate {

namespace {

// Bytes that change nothing for checkJsonText: inside a string all but
// '"', '\\' and non-ASCII; outside, all but quotes and brackets.
constexpr auto kIsPlainInString = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x80; ++c)
    table[c] = c != '"' && c != '\\';
  return table;
}();
constexpr auto kIsPlainOutside = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = c != '"' && c != '{' && c != '[' && c != '}' && c != ']';
  return table;
}();

// The index of the first byte at or after `from` that is not plain in a
// string, or text.size(). Most of a record is its strings, so their bytes
// are tested eight at a time.
size_t endOfStringRun(std::string_view text, size_t from) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  auto hasZeroByte = [](uint64_t word) {
    return (word - kOnes) & ~word & kHigh;
  };
  size_t i = from;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    // A set bit says some byte is '"', '\\' or non-ASCII, not which.
    if (hasZeroByte(word ^ (kOnes * '"')) | hasZeroByte(word ^ (kOnes * '\\')) |
        (word & kHigh))
      break;
  }
  while (i < text.size() &&
         kIsPlainInString[static_cast<unsigned char>(text[i])])
    ++i;
  return i;
}

} // namespace

std::string checkJsonText(std::string_view text, std::string &repaired) {
  repaired.clear();
  bool inString = false;
  bool isEscaped = false;
  bool isRepairing = false;
  int depth = 0;
  size_t copiedUpTo = 0; // text[0, copiedUpTo) is already in `repaired`
  for (size_t i = 0; i < text.size(); ++i) {
    // Runs of bytes that matter to neither check are skipped whole.
    if (inString && !isEscaped)
      i = endOfStringRun(text, i);
    else
      while (i < text.size() &&
             kIsPlainOutside[static_cast<unsigned char>(text[i])])
        ++i;
    if (i == text.size())
      break;
    auto byte = static_cast<unsigned char>(text[i]);
    if (inString) {
      if (isEscaped) {
        isEscaped = false;
      } else if (byte == '\\') {
        isEscaped = true;
      } else if (byte == '"') {
        inString = false;
      } else if (byte >= 0x80) {
        if (size_t length = validUtf8Length(text, i)) {
          i += length - 1;
          continue;
        }
        if (!isRepairing) {
          repaired.reserve(text.size() + 16);
          isRepairing = true;
        }
        repaired.append(text.substr(copiedUpTo, i - copiedUpTo));
        repaired += fmt::format("\\\\x{:02X}", byte);
        copiedUpTo = i + 1;
      }
      continue;
    }
    if (byte == '"') {
      inString = true;
    } else if (byte == '{' || byte == '[') {
      if (++depth > kMaxJsonDepth)
        return fmt::format("nested deeper than {} levels", kMaxJsonDepth);
    } else if (byte == '}' || byte == ']') {
      --depth;
    }
  }
  if (isRepairing)
    repaired.append(text.substr(copiedUpTo));
  return "";
}

} // namespace racegate

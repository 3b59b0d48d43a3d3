#include "InputLimits.h"

#include <fmt/core.h>

#include <array>

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

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the valid UTF-8 sequence at `text[i]` (a non-ASCII lead
// byte), or 0 when it is not one.
size_t validSequenceLength(std::string_view text, size_t i) {
  auto at = [&](size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  unsigned char lead = at(0);
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF; // range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0)
      low = 0xA0;
    if (lead == 0xED)
      high = 0x9F; // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0)
      low = 0x90;
    if (lead == 0xF4)
      high = 0x8F;
  } else {
    return 0;
  }
  if (at(1) < low || at(1) > high)
    return 0;
  for (size_t k = 2; k < length; ++k)
    if (!isContinuation(at(k)))
      return 0;
  return length;
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
    const std::array<bool, 256> &isPlain =
        inString && !isEscaped ? kIsPlainInString : kIsPlainOutside;
    while (i < text.size() && isPlain[static_cast<unsigned char>(text[i])])
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
        if (size_t length = validSequenceLength(text, i)) {
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

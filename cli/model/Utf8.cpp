#include "Utf8.h"

#include <fmt/core.h>

namespace racegate {

namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

int upperHexDigit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

} // namespace

size_t validUtf8Length(std::string_view text, size_t i) {
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

std::string escapeInvalidUtf8(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out += char(byte);
      ++i;
    } else if (size_t length = validUtf8Length(text, i)) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += fmt::format("\\x{:02X}", byte);
      ++i;
    }
  }
  return out;
}

std::string restoreEscapedBytes(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x') {
      int high = upperHexDigit(text[i + 2]);
      int low = upperHexDigit(text[i + 3]);
      if (high >= 8 && low >= 0) {
        out += char(high * 16 + low);
        i += 3;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

} // namespace racegate

#pragma once

// Finding where a JSON string's plain bytes end: printable ASCII other than
// '"' and '\\', the bytes that both the reader and the writer pass through
// unchanged. Reports are mostly such bytes (function names, paths), so they
// are tested eight at a time rather than one by one.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace racegate {

constexpr bool isPlainJsonByte(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

// The index of the first byte at or after `from` that is not plain, or
// text.size().
inline size_t endOfPlainBytes(std::string_view text, size_t from) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  auto hasZeroByte = [](uint64_t word) { return (word - kOnes) & ~word & kHigh; };
  size_t i = from;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    // Any byte < 0x20, '"', '\\' or >= 0x80 (the high bit of `word`); a
    // set bit in the mask is exact about "some byte", not about which.
    uint64_t special = ((word - kOnes * 0x20) & ~word & kHigh) |
                       hasZeroByte(word ^ (kOnes * '"')) |
                       hasZeroByte(word ^ (kOnes * '\\')) | (word & kHigh);
    if (special)
      break;
  }
  while (i < text.size() && isPlainJsonByte(static_cast<unsigned char>(text[i])))
    ++i;
  return i;
}

} // namespace racegate

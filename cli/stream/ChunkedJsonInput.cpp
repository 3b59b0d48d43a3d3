#include "ChunkedJsonInput.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace racegate {

namespace {

constexpr size_t kChunkBytes = size_t(1) << 20;

// Bytes outside strings that do not open or close anything.
constexpr auto kIsPlainOutside = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = c != '"' && c != '{' && c != '[' && c != '}' && c != ']';
  return table;
}();

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

} // namespace

void ChunkedJsonInput::fail(const char *what) const {
  throw JsonReadError(what, consumed + position);
}

bool ChunkedJsonInput::fill() {
  // What is consumed is dropped first, so the buffer holds one value at most.
  if (position > 0) {
    buffer.erase(0, position);
    consumed += position;
    position = 0;
  }
  size_t held = buffer.size();
  buffer.resize(held + kChunkBytes);
  for (;;) {
    ssize_t got = ::read(fd, buffer.data() + held, kChunkBytes);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      buffer.resize(held);
      throw JsonReadError(std::strerror(errno), consumed + held);
    }
    buffer.resize(held + size_t(got));
    return got > 0;
  }
}

char ChunkedJsonInput::peek() {
  for (;;) {
    while (position < buffer.size() && isSpace(buffer[position]))
      ++position;
    if (position < buffer.size())
      return buffer[position];
    if (!fill())
      return '\0';
  }
}

bool ChunkedJsonInput::consume(char c) {
  if (peek() != c || c == '\0')
    return false;
  ++position;
  return true;
}

void ChunkedJsonInput::expect(char c) {
  if (!consume(c))
    fail(peek() == '\0' ? "unexpected end of input" : "unexpected character");
}

std::string_view ChunkedJsonInput::value(int depth, int maxDepth,
                                         size_t maxBytes) {
  char first = peek();
  if (first == '\0')
    fail("unexpected end of input");
  // The value is buffer[position, i); offsets survive fill(), which moves
  // `position` to 0.
  size_t length = 0;
  int level = 0; // levels opened by the value itself
  bool inString = false;
  bool isEscaped = false;
  bool isScalar = first != '{' && first != '[' && first != '"';
  bool isComplete = false;
  while (!isComplete) {
    const char *data = buffer.data();
    size_t size = buffer.size();
    size_t i = position + length;
    while (i < size && !isComplete) {
      if (isScalar) {
        char c = data[i];
        if (isSpace(c) || c == ',' || c == ']' || c == '}' || c == ':')
          isComplete = true;
        else
          ++i;
        continue;
      }
      if (inString) {
        if (isEscaped) {
          isEscaped = false;
          ++i;
          continue;
        }
        while (i < size && data[i] != '"' && data[i] != '\\')
          ++i;
        if (i == size)
          break;
        if (data[i++] == '\\') {
          isEscaped = true;
          continue;
        }
        inString = false;
        isComplete = level == 0; // a string value ends here
        continue;
      }
      while (i < size && kIsPlainOutside[static_cast<unsigned char>(data[i])])
        ++i;
      if (i == size)
        break;
      char c = data[i++];
      if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (depth + ++level > maxDepth)
          throw JsonTooDeep{};
      } else if (--level == 0) {
        isComplete = true;
      }
    }
    length = i - position;
    if (isComplete)
      break;
    if (length > maxBytes)
      fail("value too long");
    if (!fill()) {
      if (isScalar)
        break;
      fail("unexpected end of input");
    }
  }
  std::string_view text(buffer.data() + position, length);
  position += length;
  return text;
}

std::optional<std::string_view> ChunkedJsonInput::restOfLine(size_t maxBytes) {
  if (peek() == '\0')
    return std::nullopt;
  size_t searched = 0; // from `position`, which fill() may move
  for (;;) {
    const char *start = buffer.data() + position;
    size_t held = buffer.size() - position;
    if (const void *newline =
            std::memchr(start + searched, '\n', held - searched)) {
      size_t length = static_cast<const char *>(newline) - start;
      while (length > 0 && isSpace(start[length - 1]))
        --length;
      if (length > 0 && start[length - 1] == ',')
        --length;
      return std::string_view(start, length);
    }
    searched = held;
    if (searched > maxBytes || !fill())
      return std::nullopt;
  }
}

void ChunkedJsonInput::finish() {
  if (peek() != '\0')
    fail("unexpected bytes after the JSON value");
}

} // namespace racegate

#include "ChunkedJsonInput.h"

#include "JsonReader.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace racegate {

namespace {

constexpr size_t kChunkBytes = size_t(1) << 20;

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
  // Offsets from `position`, which fill() may move.
  size_t end = 0;
  int level = 0; // levels opened by the value itself
  bool inString = false;
  bool isEscaped = false;
  bool isScalar = first != '{' && first != '[' && first != '"';
  for (;;) {
    if (position + end == buffer.size()) {
      if (end > maxBytes)
        fail("value too long");
      if (!fill()) {
        if (isScalar)
          break;
        fail("unexpected end of input");
      }
      continue;
    }
    char c = buffer[position + end];
    if (inString && !isEscaped && c != '"' && c != '\\') {
      // Straight to the next quote or backslash.
      size_t next = position + end + 1;
      while (next < buffer.size() && buffer[next] != '"' && buffer[next] != '\\')
        ++next;
      end = next - position;
      continue;
    }
    if (inString) {
      ++end;
      if (isEscaped)
        isEscaped = false;
      else if (c == '\\')
        isEscaped = true;
      else if (c == '"') {
        inString = false;
        if (level == 0)
          break; // a string value ends here
      }
      continue;
    }
    if (isScalar) {
      if (isSpace(c) || c == ',' || c == ']' || c == '}' || c == ':')
        break;
      ++end;
      continue;
    }
    ++end;
    if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      if (depth + ++level > maxDepth)
        throw JsonTooDeep{};
    } else if ((c == '}' || c == ']') && --level == 0) {
      break;
    }
  }
  std::string_view text(buffer.data() + position, end);
  position += end;
  return text;
}

void ChunkedJsonInput::finish() {
  if (peek() != '\0')
    fail("unexpected bytes after the JSON value");
}

} // namespace racegate

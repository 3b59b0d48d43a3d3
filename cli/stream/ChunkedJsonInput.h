#pragma once

// A JSON document read from a file piece by piece, for documents too large
// to hold (a report of 100,000 findings is hundreds of megabytes): the outer
// levels token by token, each inner value as one piece of text that
// JsonReader then parses. Only the current piece is in memory.

#include "JsonReader.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace racegate {

// Nesting deeper than the limit given to value().
struct JsonTooDeep {};

class ChunkedJsonInput {
public:
  // Reads `fd` (not closed); read errors are JsonReadErrors.
  explicit ChunkedJsonInput(int fd) : fd(fd) {}

  // The next character after white space, not consumed; '\0' at the end.
  char peek();
  bool consume(char c);
  // Consumes `c` or throws JsonReadError.
  void expect(char c);
  // The text of the next whole value; valid until the next call. The value
  // sits inside `depth` open levels, and together they may nest at most
  // `maxDepth` deep (JsonTooDeep). Its syntax is left to JsonReader, except
  // that a value longer than `maxBytes` is a JsonReadError.
  std::string_view value(int depth, int maxDepth, size_t maxBytes);
  // Calls `parse` (which must throw JsonReadError for text that is not one
  // whole value) with the text of the next value, as value() would find it.
  // Reports written by racegate hold one finding per line, so the text up
  // to the end of the line is tried first: a scan for where the value ends
  // would look at every byte once more.
  template <typename Parse>
  void parseValue(int depth, int maxDepth, size_t maxBytes, Parse &&parse) {
    if (std::optional<std::string_view> line = restOfLine(maxBytes)) {
      try {
        parse(*line);
        position += line->size();
        return;
      } catch (const JsonReadError &) {
        // Not one value on its line: found by scanning instead.
      }
    }
    parse(value(depth, maxDepth, maxBytes));
  }

  // Only white space may follow.
  void finish();

private:
  // The rest of the current line without trailing white space and a comma
  // (which belongs to the enclosing array), or nullopt when there is no
  // end of line within `maxBytes`.
  std::optional<std::string_view> restOfLine(size_t maxBytes);
  // Reads more input after what is held; false at the end of the file.
  bool fill();
  [[noreturn]] void fail(const char *what) const;

  int fd;
  std::string buffer;
  size_t position = 0; // buffer[0, position) is consumed
  size_t consumed = 0; // bytes dropped from the buffer's front, for offsets
};

} // namespace racegate

#pragma once

// A strict, allocation-light JSON reader (RFC 8259) that hands values to the
// caller as it meets them, so records are read straight into the typed model
// without building a tree first. Hostile input ends in JsonReadError: nesting
// deeper than the reader's limit, a number out of the range of a double (or
// of int64 for an integer), invalid escapes, control characters or invalid
// UTF-8 in strings, trailing bytes.

#include "Json.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace racegate {

class JsonReadError : public std::runtime_error {
public:
  JsonReadError(const std::string &what, size_t offset)
      : std::runtime_error(what), offset(offset) {}
  size_t offset;
};

// Valid JSON that exceeds a limit of the reader (its number of values) or
// of the model (FindingReader.h): too large rather than malformed.
class JsonLimitError : public JsonReadError {
public:
  using JsonReadError::JsonReadError;
};

class JsonReader {
public:
  enum class Kind { Object, Array, String, Number, Bool, Null };

  // At most `maxValues` values (objects, arrays and scalars, keys not
  // counted) may be read from `text`, or JsonLimitError: what a text holds
  // becomes a tree or model objects of tens of bytes per value, so a
  // record of two-byte values (`{},{},...`) would otherwise cost many times
  // its size in memory.
  JsonReader(std::string_view text, int maxDepth,
             size_t maxValues = SIZE_MAX)
      : text(text), maxDepth(maxDepth), valuesLeft(maxValues) {}

  // The kind of the next value (white space skipped).
  Kind peek();

  // Reads an object; `onMember(std::string_view key)` is called for each
  // member and must read (or skip) its value. The key is valid only during
  // the call.
  template <typename OnMember> void object(OnMember &&onMember) {
    enter('{');
    skipSpace();
    if (consume('}')) {
      leave();
      return;
    }
    for (;;) {
      skipSpace();
      std::string_view key = stringToken();
      // An unescaped key points into the input and stays valid; one that
      // needed unescaping lives in the scratch buffer the value may reuse.
      std::string copy;
      if (!scratch.empty() && key.data() == scratch.data()) {
        copy = key;
        key = copy;
      }
      skipSpace();
      expect(':');
      onMember(key);
      skipSpace();
      if (consume('}'))
        break;
      expect(',');
    }
    leave();
  }

  // Reads an array; `onElement()` is called for each element and must read
  // (or skip) it.
  template <typename OnElement> void array(OnElement &&onElement) {
    enter('[');
    skipSpace();
    if (consume(']')) {
      leave();
      return;
    }
    for (;;) {
      onElement();
      skipSpace();
      if (consume(']'))
        break;
      expect(',');
    }
    leave();
  }

  // A string, unescaped; the view is valid until the next read.
  std::string_view string();
  // A number: an integer in int64 range as such, else nullopt (fractions,
  // exponents); the number's text is in range-checked either way.
  std::optional<int64_t> number();
  bool boolean();
  void null();
  // Any value, as a JSON tree (for the small parts the model keeps as such).
  Json value();
  void skip();
  // Only white space may follow.
  void finish();

  size_t offset() const { return position; }

private:
  [[noreturn]] void fail(const std::string &what) const;
  // Counts one value against the budget.
  void countValue();
  std::string_view stringToken();
  void skipSpace();
  bool consume(char c);
  void expect(char c);
  void enter(char open);
  void leave() { --depth; }
  void literal(std::string_view word);
  void appendEscape();

  std::string_view text;
  size_t position = 0;
  int depth = 0;
  int maxDepth;
  size_t valuesLeft;
  size_t maxValues = valuesLeft;
  std::string scratch;
};

} // namespace racegate

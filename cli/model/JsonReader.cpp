#include "JsonReader.h"

#include "JsonBytes.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/core.h>

namespace racegate {

void JsonReader::fail(const std::string &what) const {
  throw JsonReadError(fmt::format("{} at byte {}", what, position + 1),
                      position);
}

void JsonReader::countValue() {
  if (valuesLeft == 0)
    throw JsonLimitError(
        fmt::format("more than {} JSON values in one record", maxValues),
        position);
  --valuesLeft;
}

void JsonReader::skipSpace() {
  while (position < text.size()) {
    char c = text[position];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      return;
    ++position;
  }
}

bool JsonReader::consume(char c) {
  if (position < text.size() && text[position] == c) {
    ++position;
    return true;
  }
  return false;
}

void JsonReader::expect(char c) {
  if (!consume(c))
    fail(position < text.size() ? fmt::format("expected '{}'", c)
                                : "unexpected end of input");
}

void JsonReader::enter(char open) {
  skipSpace();
  expect(open);
  countValue();
  if (++depth > maxDepth)
    fail(fmt::format("nested deeper than {} levels", maxDepth));
}

JsonReader::Kind JsonReader::peek() {
  skipSpace();
  if (position >= text.size())
    fail("unexpected end of input");
  switch (text[position]) {
  case '{':
    return Kind::Object;
  case '[':
    return Kind::Array;
  case '"':
    return Kind::String;
  case 't':
  case 'f':
    return Kind::Bool;
  case 'n':
    return Kind::Null;
  default:
    if (text[position] == '-' || (text[position] >= '0' && text[position] <= '9'))
      return Kind::Number;
    fail("unexpected character");
  }
}

static void appendUtf8(std::string &out, uint32_t code) {
  if (code < 0x80) {
    out += char(code);
  } else if (code < 0x800) {
    out += char(0xC0 | (code >> 6));
    out += char(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += char(0xE0 | (code >> 12));
    out += char(0x80 | ((code >> 6) & 0x3F));
    out += char(0x80 | (code & 0x3F));
  } else {
    out += char(0xF0 | (code >> 18));
    out += char(0x80 | ((code >> 12) & 0x3F));
    out += char(0x80 | ((code >> 6) & 0x3F));
    out += char(0x80 | (code & 0x3F));
  }
}

void JsonReader::appendEscape() {
  if (position >= text.size())
    fail("unexpected end of input");
  char c = text[position++];
  switch (c) {
  case '"': scratch += '"'; return;
  case '\\': scratch += '\\'; return;
  case '/': scratch += '/'; return;
  case 'b': scratch += '\b'; return;
  case 'f': scratch += '\f'; return;
  case 'n': scratch += '\n'; return;
  case 'r': scratch += '\r'; return;
  case 't': scratch += '\t'; return;
  case 'u': break;
  default:
    fail("invalid escape in string");
  }
  auto hex4 = [&]() -> uint32_t {
    if (position + 4 > text.size())
      fail("unexpected end of input");
    uint32_t value = 0;
    auto [end, error] = std::from_chars(text.data() + position,
                                        text.data() + position + 4, value, 16);
    if (error != std::errc() || end != text.data() + position + 4)
      fail("invalid \\u escape in string");
    position += 4;
    return value;
  };
  uint32_t code = hex4();
  if (code >= 0xD800 && code <= 0xDBFF) {
    if (position + 2 > text.size() || text[position] != '\\' ||
        text[position + 1] != 'u')
      fail("unpaired surrogate in string");
    position += 2;
    uint32_t low = hex4();
    if (low < 0xDC00 || low > 0xDFFF)
      fail("unpaired surrogate in string");
    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
  } else if (code >= 0xDC00 && code <= 0xDFFF) {
    fail("unpaired surrogate in string");
  }
  appendUtf8(scratch, code);
}

std::string_view JsonReader::string() {
  countValue();
  return stringToken();
}

std::string_view JsonReader::stringToken() {
  skipSpace();
  expect('"');
  size_t start = position;
  bool escaped = false;
  // Fast path: no escapes, the view points into the input.
  while (position < text.size()) {
    // Most bytes are printable ASCII; skip them a run at a time.
    position = endOfPlainBytes(text, position);
    if (position == text.size())
      break;
    auto c = static_cast<unsigned char>(text[position]);
    if (c == '"') {
      std::string_view result = text.substr(start, position - start);
      ++position;
      return result;
    }
    if (c == '\\') {
      escaped = true;
      break;
    }
    if (c < 0x20)
      fail("control character in string");
    if (c >= 0x80) {
      // Valid UTF-8 only (callers repair raw bytes before reading).
      size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      if (length == 0 || c > 0xF4 || position + length > text.size())
        fail("invalid UTF-8 in string");
      auto second = static_cast<unsigned char>(text[position + 1]);
      if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) ||
          (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F))
        fail("invalid UTF-8 in string");
      for (size_t k = 1; k < length; ++k)
        if ((static_cast<unsigned char>(text[position + k]) & 0xC0) != 0x80)
          fail("invalid UTF-8 in string");
      position += length;
      continue;
    }
    ++position;
  }
  if (!escaped)
    fail("unterminated string");
  scratch.assign(text.substr(start, position - start));
  while (position < text.size()) {
    auto c = static_cast<unsigned char>(text[position]);
    if (c == '"') {
      ++position;
      return scratch;
    }
    if (c == '\\') {
      ++position;
      appendEscape();
      continue;
    }
    if (c < 0x20)
      fail("control character in string");
    size_t run = position;
    while (position < text.size() && text[position] != '"' &&
           text[position] != '\\' &&
           static_cast<unsigned char>(text[position]) >= 0x20)
      ++position;
    // Validate the run's UTF-8 by reading it as an unescaped string.
    std::string_view chunk = text.substr(run, position - run);
    for (size_t i = 0; i < chunk.size(); ++i)
      if (static_cast<unsigned char>(chunk[i]) >= 0x80) {
        std::string quoted = "\"" + std::string(chunk) + "\"";
        JsonReader(quoted, 1).string();
        break;
      }
    scratch.append(chunk);
  }
  fail("unterminated string");
}

std::optional<int64_t> JsonReader::number() {
  countValue();
  skipSpace();
  size_t start = position;
  consume('-');
  auto digit = [&] {
    return position < text.size() && text[position] >= '0' &&
           text[position] <= '9';
  };
  if (!digit())
    fail("invalid number");
  if (text[position] == '0') {
    ++position;
  } else {
    while (digit())
      ++position;
  }
  bool isInteger = true;
  if (consume('.')) {
    isInteger = false;
    if (!digit())
      fail("invalid number");
    while (digit())
      ++position;
  }
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    isInteger = false;
    ++position;
    if (!consume('+'))
      consume('-');
    if (!digit())
      fail("invalid number");
    while (digit())
      ++position;
  }
  std::string_view number = text.substr(start, position - start);
  if (isInteger) {
    int64_t value = 0;
    auto [end, error] =
        std::from_chars(number.data(), number.data() + number.size(), value);
    if (error == std::errc())
      return value;
    // Beyond int64 (e.g. an unsigned 64-bit number): still a number.
  }
  std::string copy(number);
  errno = 0;
  double value = std::strtod(copy.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(value))
    fail(fmt::format("number {} is out of range", copy.substr(0, 40)));
  return std::nullopt;
}

void JsonReader::literal(std::string_view word) {
  if (text.substr(position, word.size()) != word)
    fail("invalid literal");
  position += word.size();
}

bool JsonReader::boolean() {
  countValue();
  skipSpace();
  if (position < text.size() && text[position] == 't') {
    literal("true");
    return true;
  }
  literal("false");
  return false;
}

void JsonReader::null() {
  countValue();
  skipSpace();
  literal("null");
}

Json JsonReader::value() {
  switch (peek()) {
  case Kind::Object: {
    Json object = Json::object();
    this->object([&](std::string_view key) {
      std::string name(key);
      object[name] = value();
    });
    return object;
  }
  case Kind::Array: {
    Json array = Json::array();
    this->array([&] { array.push_back(value()); });
    return array;
  }
  case Kind::String:
    return Json(std::string(string()));
  case Kind::Number: {
    size_t start = position;
    if (auto integer = number())
      return Json(*integer);
    std::string copy(text.substr(start, position - start));
    if (copy.find_first_of(".eE") == std::string::npos && copy[0] != '-') {
      uint64_t unsignedValue = 0;
      auto [end, error] = std::from_chars(copy.data(), copy.data() + copy.size(),
                                          unsignedValue);
      if (error == std::errc())
        return Json(unsignedValue);
    }
    return Json(std::strtod(copy.c_str(), nullptr));
  }
  case Kind::Bool:
    return Json(boolean());
  case Kind::Null:
    null();
    return Json(nullptr);
  }
  return Json();
}

void JsonReader::skip() {
  switch (peek()) {
  case Kind::Object:
    object([&](std::string_view) { skip(); });
    return;
  case Kind::Array:
    array([&] { skip(); });
    return;
  case Kind::String:
    string();
    return;
  case Kind::Number:
    number();
    return;
  case Kind::Bool:
    boolean();
    return;
  case Kind::Null:
    null();
    return;
  }
}

void JsonReader::finish() {
  skipSpace();
  if (position != text.size())
    fail("unexpected bytes after the JSON value");
}

} // namespace racegate

#include "JsonWriter.h"

#include "JsonBytes.h"

#include <charconv>

namespace racegate {

namespace {

// The length of the valid UTF-8 sequence at `text[i]` (a byte >= 0x80), or
// 0 when it is not one.
size_t utf8Length(std::string_view text, size_t i) {
  auto at = [&](size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  unsigned char lead = at(0);
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4)
    return 0;
  unsigned char second = at(1);
  unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  if (second < low || second > high)
    return 0;
  for (size_t k = 2; k < length; ++k)
    if ((at(k) & 0xC0) != 0x80)
      return 0;
  return length;
}

} // namespace

void JsonWriter::flush() {
  if (buffer.empty())
    return;
  out.write(buffer);
  buffer.clear();
}

void JsonWriter::separate() {
  if (isAfterKey) {
    isAfterKey = false;
    return;
  }
  if (hasItem.empty())
    return;
  if (hasItem.back())
    buffer += ',';
  hasItem.back() = true;
}

void JsonWriter::open(char bracket) {
  separate();
  buffer += bracket;
  hasItem.push_back(false);
}

void JsonWriter::close(char bracket) {
  buffer += bracket;
  hasItem.pop_back();
  if (buffer.size() >= kFlushAt)
    flush();
}

void JsonWriter::key(Key name) {
  if (hasItem.back())
    buffer += ',';
  hasItem.back() = true;
  buffer += '"';
  buffer.append(name.view());
  buffer.append("\":");
  isAfterKey = true;
}

void JsonWriter::string(std::string_view text) {
  separate();
  escaped(text);
}

void JsonWriter::string(const Text &text) {
  separate();
  if (!text.isJsonPlain()) {
    escaped(text.view());
    return;
  }
  buffer += '"';
  buffer.append(text.view());
  buffer += '"';
}

void JsonWriter::escaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  buffer += '"';
  size_t run = 0; // start of the bytes not yet copied
  for (size_t i = 0; i < text.size();) {
    i = endOfPlainBytes(text, i);
    if (i == text.size())
      break;
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (size_t length = utf8Length(text, i)) {
        i += length;
        continue;
      }
    }
    buffer.append(text.substr(run, i - run));
    switch (c) {
    case '"': buffer += "\\\""; break;
    case '\\': buffer += "\\\\"; break;
    case '\b': buffer += "\\b"; break;
    case '\f': buffer += "\\f"; break;
    case '\n': buffer += "\\n"; break;
    case '\r': buffer += "\\r"; break;
    case '\t': buffer += "\\t"; break;
    default:
      if (c < 0x20) {
        buffer += "\\u00";
        buffer += kHex[c >> 4];
        buffer += kHex[c & 0xF];
      } else {
        buffer += "\xEF\xBF\xBD"; // U+FFFD, as nlohmann's replace handler
      }
    }
    run = ++i;
  }
  buffer.append(text.substr(run));
  buffer += '"';
}

void JsonWriter::integer(int64_t value) {
  separate();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer.append(digits, end);
}

void JsonWriter::boolean(bool value) {
  separate();
  buffer += value ? "true" : "false";
}

void JsonWriter::null() {
  separate();
  buffer += "null";
}

void JsonWriter::json(const Json &value) {
  if (value.is_string())
    string(value.get_ref<const std::string &>());
  else if (value.is_number_integer() && !value.is_number_unsigned())
    integer(value.get<int64_t>());
  else
    rawValue(compactJson(value));
}

void JsonWriter::rawMembers(std::string_view members) {
  if (members.empty())
    return;
  if (hasItem.back())
    buffer += ',';
  hasItem.back() = true;
  buffer.append(members);
}

void JsonWriter::rawValue(std::string_view json) {
  separate();
  buffer.append(json);
}

} // namespace racegate

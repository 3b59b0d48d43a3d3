#pragma once

// A streaming writer of compact JSON, byte for byte what nlohmann::json's
// dump() writes (same escapes, invalid UTF-8 replaced by U+FFFD), so that
// the formats can write a report straight from the model without building a
// tree for every finding. Commas and colons are placed by the writer; the
// caller only opens, closes and fills objects and arrays.

#include "Json.h"
#include "JsonBytes.h"
#include "ReportSink.h"
#include "Text.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace racegate {

class JsonWriter {
public:
  // A member's name, always one of the formats' own: checked when racegate
  // is compiled to need no escapes, so that writing it, for every member of
  // every finding, is a copy.
  class Key {
  public:
    consteval Key(const char *name) : name(name) {
      for (char c : this->name)
        if (!isPlainJsonByte(static_cast<unsigned char>(c)))
          throw "a JSON key that needs escapes";
    }
    std::string_view view() const { return name; }

  private:
    std::string_view name;
  };

  explicit JsonWriter(ReportSink &out) : out(out) { buffer.reserve(kFlushAt * 2); }
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter &) = delete;
  JsonWriter &operator=(const JsonWriter &) = delete;

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }
  // The key of the next member; a value must follow.
  void key(Key name);

  void string(std::string_view text);
  // An interned name or path: copied without a look at its bytes when it
  // needs no escapes.
  void string(const Text &text);
  void integer(int64_t value);
  void boolean(bool value);
  void null();
  // A small tree (the kind objects, the program): strings and integers
  // directly, anything else through nlohmann.
  void json(const Json &value);
  // Text that already is one JSON value.
  void rawValue(std::string_view json);
  // Members that already are JSON text (`"key":value,...`), into the open
  // object.
  void rawMembers(std::string_view members);
  // Bytes between values (indentation of the report's outer levels); only
  // outside any object or array the writer opened.
  void raw(std::string_view text) { buffer.append(text); }

  // Members that are used again and again.
  template <typename Value> void member(Key name, Value &&value) {
    key(name);
    write(std::forward<Value>(value));
  }

  void flush();

private:
  static constexpr size_t kFlushAt = size_t(1) << 16;

  void write(std::string_view text) { string(text); }
  void write(const char *text) { string(text); }
  void write(const std::string &text) { string(text); }
  void write(int64_t value) { integer(value); }
  void write(int value) { integer(value); }
  void write(size_t value) { integer(int64_t(value)); }
  void write(bool value) { boolean(value); }
  void write(const Json &value) { json(value); }
  void write(const Text &value) { string(value); }

  // Before any value: the comma that separates it from the previous one.
  void separate();
  void open(char bracket);
  void close(char bracket);
  void escaped(std::string_view text);

  ReportSink &out;
  std::string buffer;
  // Per open object or array: whether it holds an item yet.
  // Bytes rather than vector<bool>'s bits: tested and set for every value.
  std::vector<char> hasItem;
  bool isAfterKey = false;
};

} // namespace racegate

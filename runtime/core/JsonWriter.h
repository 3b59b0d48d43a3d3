//===- JsonWriter.h - a minimal streaming JSON writer ---------------------===//
//
// The runtime writes findings as JSON lines. It cannot pull in a general JSON
// library (it must stay small and never run instrumented code), and it only
// ever writes, so this is all it needs.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_JSONWRITER_H
#define RACEGATE_CORE_JSONWRITER_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace racegate {

/// "0x..." for an address, as reports write them.
std::string hexAddress(uintptr_t A);

class JsonWriter {
public:
  JsonWriter &beginObject() { return open('{'); }
  JsonWriter &endObject() { return close('}'); }
  JsonWriter &beginArray() { return open('['); }
  JsonWriter &endArray() { return close(']'); }
  JsonWriter &key(std::string_view Key);
  JsonWriter &value(std::string_view S);
  JsonWriter &value(const char *S) { return value(std::string_view(S)); }
  JsonWriter &value(uint64_t N);
  JsonWriter &value(bool B);
  JsonWriter &null();
  /// An address, as a "0x..." string: JSON numbers lose 64-bit precision.
  JsonWriter &address(uintptr_t A);

  const std::string &str() const { return Out; }
  std::string take() { return std::move(Out); }

private:
  JsonWriter &open(char C);
  JsonWriter &close(char C);
  void separate();

  std::string Out;
  std::vector<bool> First; // per open container: nothing written yet
  bool AfterKey = false;
};

} // namespace racegate

#endif

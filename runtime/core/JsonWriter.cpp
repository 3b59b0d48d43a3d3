//===- JsonWriter.cpp -----------------------------------------------------===//
#include "JsonWriter.h"

#include <cstdio>

namespace racegate {

void JsonWriter::separate() {
  if (AfterKey) {
    AfterKey = false;
    return;
  }
  if (!First.empty()) {
    if (!First.back())
      Out += ',';
    First.back() = false;
  }
}

JsonWriter &JsonWriter::open(char C) {
  separate();
  Out += C;
  First.push_back(true);
  return *this;
}

JsonWriter &JsonWriter::close(char C) {
  Out += C;
  First.pop_back();
  return *this;
}

JsonWriter &JsonWriter::key(std::string_view Key) {
  value(Key);
  Out += ':';
  AfterKey = true;
  return *this;
}

JsonWriter &JsonWriter::value(std::string_view S) {
  separate();
  Out += '"';
  for (char C : S) {
    switch (C) {
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '\r':
      Out += "\\r";
      break;
    default:
      if (static_cast<unsigned char>(C) < 0x20) {
        char Buf[8];
        std::snprintf(Buf, sizeof(Buf), "\\u%04x", unsigned(C));
        Out += Buf;
      } else {
        Out += C;
      }
    }
  }
  Out += '"';
  return *this;
}

JsonWriter &JsonWriter::value(uint64_t N) {
  separate();
  Out += std::to_string(N);
  return *this;
}

JsonWriter &JsonWriter::value(bool B) {
  separate();
  Out += B ? "true" : "false";
  return *this;
}

JsonWriter &JsonWriter::null() {
  separate();
  Out += "null";
  return *this;
}

std::string hexAddress(uintptr_t A) {
  char Buf[24];
  std::snprintf(Buf, sizeof(Buf), "0x%llx", static_cast<unsigned long long>(A));
  return Buf;
}

JsonWriter &JsonWriter::address(uintptr_t A) { return value(hexAddress(A)); }

} // namespace racegate

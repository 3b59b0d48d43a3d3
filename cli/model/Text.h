#pragma once

#include <string>
#include <string_view>

namespace racegate {

// An immutable string kept once per process. Reports repeat the same file
// paths and function names in every frame of every finding; storing each
// once is what keeps 100,000 findings within a bounded memory budget. A
// default-constructed Text is absent (the record had no such field), which
// is distinct from a present empty string.
class Text {
public:
  Text() = default;
  explicit Text(std::string_view value);

  bool present() const { return value != nullptr; }
  bool empty() const { return !value || value->empty(); }
  const std::string &str() const;
  std::string_view view() const { return str(); }
  // Texts are interned: equal contents, equal pointers.
  bool operator==(const Text &other) const { return value == other.value; }

private:
  const std::string *value = nullptr;
};

} // namespace racegate

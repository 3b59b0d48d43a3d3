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
  bool empty() const { return !value || value->text.empty(); }
  // Inline: asked for every frame of every finding by every writer.
  const std::string &str() const { return value ? value->text : kEmpty; }
  std::string_view view() const { return str(); }
  // Whether JSON writes it as it is, quoted: printable ASCII without '"'
  // or '\\'. Known once per distinct string, so writers that emit the same
  // names and paths in every finding need not look at their bytes again.
  bool isJsonPlain() const { return value && value->isJsonPlain; }
  // Texts are interned: equal contents, equal pointers.
  bool operator==(const Text &other) const { return value == other.value; }

  struct Entry {
    std::string text;
    bool isJsonPlain;
  };

private:
  static inline const std::string kEmpty;
  const Entry *value = nullptr;
};

} // namespace racegate

#include "Text.h"

#include <deque>
#include <unordered_map>

namespace racegate {

namespace {

// The strings live in a deque (its elements never move); the map indexes
// them by view, so looking up a string that is already there allocates
// nothing.
struct Pool {
  std::deque<std::string> strings;
  std::unordered_map<std::string_view, const std::string *> index;
};

Pool &pool() {
  static Pool instance;
  return instance;
}

} // namespace

Text::Text(std::string_view text) {
  Pool &strings = pool();
  if (auto it = strings.index.find(text); it != strings.index.end()) {
    value = it->second;
    return;
  }
  const std::string &stored = strings.strings.emplace_back(text);
  strings.index.emplace(stored, &stored);
  value = &stored;
}

const std::string &Text::str() const {
  static const std::string kEmpty;
  return value ? *value : kEmpty;
}

} // namespace racegate

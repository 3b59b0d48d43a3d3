#pragma once

#include "Finding.h"
#include "Json.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace racegate {

// One line of a suppressions file: `TYPE:PATTERN`.
struct SuppressionRule {
  std::string type;    // race, race_top, deadlock, mutex, thread, ...
  std::string pattern; // a TSan pattern, or a glob for `src`
  size_t line = 0;     // in the file, for messages
};

// A suppressions file in ThreadSanitizer's syntax plus `src:GLOB`
// (docs/gating.md): one `TYPE:PATTERN` per line, `#` comments and blank
// lines ignored, surrounding white space trimmed.
class Suppressions {
public:
  // Throws ToolError("FILE:LINE: ...") on a malformed line or unknown type,
  // naming the accepted types.
  static Suppressions parse(std::string_view text, std::string_view name);
  static Suppressions read(const std::filesystem::path &path);

  // The first rule that suppresses the report finding, or nullptr.
  const SuppressionRule *match(const Json &finding) const;
  const SuppressionRule *match(const Finding &finding) const;

  const std::vector<SuppressionRule> &rules() const { return allRules; }

private:
  std::vector<SuppressionRule> allRules;
};

// The `src:` rule: a glob (fnmatch(3), where `*` also matches `/`) tried on
// the normalised path and, unless it starts with `/`, on every tail of the
// path that begins after a `/`, so "vendor/*" and "*.h" work on absolute
// paths.
bool matchesSourceGlob(std::string_view glob, std::string_view file);

} // namespace racegate

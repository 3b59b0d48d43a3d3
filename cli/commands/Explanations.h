#pragma once

#include <optional>
#include <string_view>

namespace racegate {

// What `racegate explain KIND` prints and what the SARIF rules carry: one
// explanation per finding kind, in plain text.
struct Explanation {
  std::string_view kind;
  std::string_view title;   // a short noun phrase: "Data race"
  std::string_view meaning; // what racegate saw
  std::string_view whyBug;  // why it is a bug even when tests pass
  std::string_view fix;     // how to fix it
};

// The explanation of `kind`, or nullopt for an unknown kind.
std::optional<Explanation> explanationFor(std::string_view kind);

} // namespace racegate

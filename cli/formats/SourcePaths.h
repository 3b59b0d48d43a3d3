#pragma once

// How reports name source files for the places they are read: relative to
// the checkout (--source-root) so that GitHub code scanning, annotations and
// editors resolve them on any machine; system headers by their include name.

#include "Text.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace racegate {

// --source-root's default: $GITHUB_WORKSPACE when set, else the git top
// level of the current directory, else the current directory.
std::string defaultSourceRoot();

// "/usr/include/c++/12/bits/stl_bvector.h" -> "<c++/12/bits/stl_bvector.h>";
// compiler headers (".../lib/gcc/TRIPLE/12/include/stddef.h", clang's
// resource directory) -> "<stddef.h>"; anything else: nullopt. `path` must
// be lexically normal.
std::optional<std::string> systemHeaderName(std::string_view path);

// A demangled name shortened for reading: when longer than `limit`, the
// arguments of each outermost template become "<...>", e.g.
// "std::thread::_Invoker<...>::operator()()". Full names stay in JSON.
std::string elideTemplateArguments(std::string_view name, size_t limit = 80);

class SourcePaths {
public:
  // `root` may be relative or empty (no root: paths stay absolute).
  explicit SourcePaths(std::string root = "");

  const std::string &root() const { return rootDir; }
  // `file` relative to the root when it lies under it.
  std::optional<std::string> relative(std::string_view file) const;
  // What text and github output show: relative to the root, a system
  // header's include name, else the normalised path; "" stays "".
  const std::string &display(const Text &file) const;
  std::string display(std::string_view file) const;

private:
  std::string rootDir; // absolute, normalised, no trailing '/'
  mutable std::unordered_map<const std::string *, std::string> cache;
};

} // namespace racegate

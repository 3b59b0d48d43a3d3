#include "TempDir.h"

#include "Diagnostics.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace racegate {

TempDir::TempDir() {
  const char *base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base && *base ? base : "/tmp") + "/racegate-XXXXXX";
  if (!mkdtemp(pattern.data()))
    throw ToolError(fmt::format("cannot create a temporary directory {}: {}",
                                pattern, std::strerror(errno)));
  dir = pattern;
}

TempDir::~TempDir() {
  if (isKept)
    return;
  std::error_code ignored; // a leftover temp dir is not worth failing over
  std::filesystem::remove_all(dir, ignored);
}

} // namespace racegate

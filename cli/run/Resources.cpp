#include "Resources.h"

#include "Diagnostics.h"

#include <fmt/core.h>

#include <cstdlib>

namespace racegate {

std::filesystem::path findLibDir() {
  if (const char *fromEnv = std::getenv("RACEGATE_LIB_DIR");
      fromEnv && *fromEnv)
    return fromEnv;
  std::error_code error;
  std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", error);
  if (error)
    throw ToolError(fmt::format(
        "cannot locate the racegate executable ({}); set RACEGATE_LIB_DIR",
        error.message()));
  return (self.parent_path() / ".." / "lib" / "racegate").lexically_normal();
}

void requireResources(const std::filesystem::path &plugin,
                      const std::filesystem::path &runtime) {
  for (const auto &file : {plugin, runtime}) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
      throw ToolError(fmt::format(
          "{} not found (is racegate fully built? RACEGATE_LIB_DIR overrides "
          "where it is looked for)",
          file.string()));
  }
}

} // namespace racegate

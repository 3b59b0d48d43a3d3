#include "ProgramLookup.h"

#include "Diagnostics.h"

#include <fmt/core.h>

#include <cstdlib>
#include <sstream>
#include <unistd.h>

namespace racegate {

static bool isExecutableFile(const std::filesystem::path &path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) &&
         access(path.c_str(), X_OK) == 0;
}

std::filesystem::path resolveProgram(const std::string &name) {
  if (name.empty())
    throw ToolError("no program given");
  if (name.find('/') != std::string::npos) {
    std::error_code error;
    if (!std::filesystem::exists(name, error))
      throw ToolError(fmt::format("{}: program not found", name));
    if (!isExecutableFile(name))
      throw ToolError(fmt::format("{}: not an executable file", name));
    return name;
  }
  const char *path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::filesystem::path candidate =
        std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (isExecutableFile(candidate))
      return candidate;
  }
  throw ToolError(fmt::format("{}: program not found in PATH", name));
}

} // namespace racegate

#include "OutputFile.h"

#include "Diagnostics.h"

#include <fmt/core.h>

#include <fcntl.h>
#include <filesystem>

namespace racegate {

void refuseToClobber(const std::string &target,
                     const std::vector<std::string> &inputs,
                     std::string_view option, std::string_view what) {
  if (target.empty())
    return;
  if (std::error_code error; std::filesystem::is_directory(target, error))
    throw ToolError(fmt::format("{} {} is a directory; name a file", option,
                                target));
  for (const std::string &input : inputs) {
    std::error_code error;
    bool isSame = std::filesystem::equivalent(target, input, error);
    if (error) // one of them does not exist: compare the names
      isSame = std::filesystem::weakly_canonical(target, error) ==
               std::filesystem::weakly_canonical(input, error);
    if (isSame)
      throw ToolError(fmt::format(
          "{} {} would overwrite the {} {}; choose another name", option,
          target, what, input));
  }
}

int openReportFile(const std::string &path, bool exclusive) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW;
  flags |= exclusive ? O_EXCL : O_TRUNC;
  return ::open(path.c_str(), flags, 0644);
}

} // namespace racegate

#pragma once

#include <filesystem>
#include <string>

namespace racegate {

// Resolves a command name the way a shell would: names with a '/' are paths,
// others are searched in $PATH. Throws ToolError when nothing executable is
// found, so the user hears "not found" rather than a failed run.
std::filesystem::path resolveProgram(const std::string &name);

} // namespace racegate

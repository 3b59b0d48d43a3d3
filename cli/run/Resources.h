#pragma once

#include <filesystem>

namespace racegate {

// Where RacegatePass.so and libracegate_rt.a live: $RACEGATE_LIB_DIR when set
// and non-empty, else <directory of this executable>/../lib/racegate, which
// holds both in the build tree and in an installed tree.
std::filesystem::path findLibDir();

// Throws ToolError naming the missing file (and the override) when the
// plugin or the runtime archive is not where findLibDir() says.
void requireResources(const std::filesystem::path &plugin,
                      const std::filesystem::path &runtime);

} // namespace racegate

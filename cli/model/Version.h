#pragma once

#include <string_view>

// CMake passes the project version; the fallback keeps throwaway builds of the
// library (tests, tooling) compiling without it.
#ifndef RACEGATE_VERSION
#define RACEGATE_VERSION "0.1.0"
#endif

namespace racegate {

inline constexpr std::string_view kToolName = "racegate";
inline constexpr std::string_view kToolVersion = RACEGATE_VERSION;
inline constexpr std::string_view kSchemaVersion = "2.0";

} // namespace racegate

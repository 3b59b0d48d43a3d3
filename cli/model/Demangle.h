#pragma once

#include <string>

namespace racegate {

// Returns the human-readable form of an Itanium C++ linkage name, or the name
// unchanged when it is not mangled (C functions, "??", already demangled).
std::string demangle(const std::string &linkageName);

} // namespace racegate

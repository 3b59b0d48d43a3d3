#pragma once

#include "Json.h"

#include <string>
#include <string_view>

namespace racegate {

// Whether a source file belongs to the system (the C and C++ standard
// libraries, compiler headers) rather than to the user's program: paths under
// /usr/include or /usr/lib after lexical normalisation (clang records
// libstdc++ headers as "/usr/bin/../lib/gcc/.../include/c++/12/..."), and
// unknown files (""), which are frames without debug info, typically libc.
bool isSystemFile(std::string_view file);

bool isUserFrame(const Json &frame);

// The innermost frame of `frames` that is in the user's code, else the
// innermost frame, else nullptr. Findings inside std::mutex or std::thread
// are reported where the user's code called them, which is where an editor
// should jump and what should identify the finding.
const Json *primaryFrame(const Json *frames);

// `file` made readable: "/usr/bin/../lib/x" becomes "/usr/lib/x".
std::string normalisedPath(std::string_view file);

} // namespace racegate

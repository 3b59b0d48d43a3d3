#pragma once

#include "Toolchain.h"

#include <string>
#include <vector>

namespace racegate {

// How racegate's compiler wrapper (`racegate cc`, `racegate c++`, or the
// racegate-cc / racegate-c++ links) turns a compiler command line into an
// instrumented one (docs/build-integration.md).
struct WrappedCommand {
  std::vector<std::string> argv; // argv[0] is the compiler to run
  bool instruments = false;      // the plugin flags were added
  bool linksRuntime = false;     // the runtime is linked in
};

// `arguments` are what the wrapper got after its own name. When the first
// one is an executable compiler (CMAKE_<LANG>_COMPILER_LAUNCHER puts it
// there) that compiler is used; otherwise clang-14 or clang++-14. The
// arguments are kept as they are, and:
//  - when sources are compiled to code: the instrumentation flags, and -g
//    when no -g* flag is given (findings without debug info have no lines);
//  - when an executable is linked: the runtime (and, for C, libstdc++,
//    which the runtime needs). Shared libraries are left without it: the
//    executable that loads them brings it.
// Command lines that only ask for information (--version, -v alone) or only
// preprocess pass through unchanged, so configure-time probes see plain
// clang.
WrappedCommand wrapCompilerCommand(const Toolchain &toolchain, bool isCxx,
                                   const std::vector<std::string> &arguments);

} // namespace racegate

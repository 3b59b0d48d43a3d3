#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace racegate {

enum class SourceLanguage { C, Cxx };

// Language by extension: .c is C; .cc .cpp .cxx .C are C++ (case matters:
// .C is C++ by long Unix convention, .c is C). Anything else is nullopt.
std::optional<SourceLanguage>
languageOfSource(const std::filesystem::path &source);

// What racegate compiles and links with.
struct Toolchain {
  std::string cCompiler;
  std::string cxxCompiler;
  std::filesystem::path libDir; // holds RacegatePass.so and libracegate_rt.a
  // The LLVM major version the plugin is built for (libDir/llvm-version),
  // when known.
  std::optional<int> pluginLlvmMajor;

  std::filesystem::path passPlugin() const;
  std::filesystem::path runtimeArchive() const;
};

// The clang that can load the plugin in `libDir`: the one chosen at
// configure time when the plugin is for its LLVM, else clang-N of the
// plugin's LLVM N when it is installed.
Toolchain makeDefaultToolchain(const std::filesystem::path &libDir);

// The major version `compiler` reports (-dumpversion), if it runs.
std::optional<int> compilerMajorVersion(const std::string &compiler);

// Throws ToolError when `compiler` is not the clang of the plugin's LLVM: a
// clang of another version cannot load the plugin.
void requireCompilerMatchingPlugin(const Toolchain &toolchain,
                                   const std::string &compiler);

// --cflags values, each split on whitespace ("-O2 -DX" is two flags). No
// shell quoting: flags with spaces inside are not supported.
std::vector<std::string> splitFlags(const std::vector<std::string> &values);

// The flags that instrument a compilation: the plugin, frame pointers (the
// runtime walks them for stacks) and -pthread.
std::vector<std::string> instrumentationFlags(const Toolchain &toolchain);

// The flags that link the runtime into an executable: the whole archive
// (its interceptors are only referenced by name at run time) and -rdynamic
// so the symbols reach .dynsym, where both the ELF check and symbolisation
// find them.
std::vector<std::string> runtimeLinkFlags(const Toolchain &toolchain);

// Whether the flags ask for debug information already (any -g* flag).
bool hasDebugFlag(const std::vector<std::string> &flags);

// clang command compiling one source to `object`. Without user flags the
// defaults are `-g -O1` (C) or `-std=c++20 -g -O1` (C++); user flags replace
// them, with -g added when they have no -g* flag because findings without
// debug info have no file or line. The plugin flags always come last so the
// user cannot turn instrumentation or frame pointers off by accident.
std::vector<std::string>
compileCommand(const Toolchain &toolchain, SourceLanguage language,
               const std::filesystem::path &source,
               const std::filesystem::path &object,
               const std::optional<std::vector<std::string>> &userFlags);

// clang++ command linking objects and the runtime into `binary`.
std::vector<std::string>
linkCommand(const Toolchain &toolchain,
            const std::vector<std::filesystem::path> &objects,
            const std::filesystem::path &binary);

} // namespace racegate

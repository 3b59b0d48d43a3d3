#include "Toolchain.h"
#include "Diagnostics.h"

#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

// Absolute paths found by CMake; the fallbacks serve builds outside CMake.
#ifndef RACEGATE_CLANG
#define RACEGATE_CLANG "clang-14"
#endif
#ifndef RACEGATE_CLANGXX
#define RACEGATE_CLANGXX "clang++-14"
#endif
#ifndef RACEGATE_LLVM_MAJOR
#define RACEGATE_LLVM_MAJOR 14
#endif

namespace racegate {

std::optional<SourceLanguage>
languageOfSource(const std::filesystem::path &source) {
  std::string extension = source.extension().string();
  if (extension == ".c")
    return SourceLanguage::C;
  if (extension == ".cc" || extension == ".cpp" || extension == ".cxx" ||
      extension == ".C")
    return SourceLanguage::Cxx;
  return std::nullopt;
}

std::filesystem::path Toolchain::passPlugin() const {
  return libDir / "RacegatePass.so";
}

std::filesystem::path Toolchain::runtimeArchive() const {
  return libDir / "libracegate_rt.a";
}

namespace {

std::optional<int> pluginLlvmMajor(const std::filesystem::path &libDir) {
  std::ifstream file(libDir / "llvm-version");
  int major = 0;
  if (file >> major && major > 0)
    return major;
  return std::nullopt;
}

} // namespace

Toolchain makeDefaultToolchain(const std::filesystem::path &libDir) {
  Toolchain toolchain{RACEGATE_CLANG, RACEGATE_CLANGXX, libDir,
                      pluginLlvmMajor(libDir)};
  // A plugin from a build for another LLVM (RACEGATE_LIB_DIR): Debian
  // installs each version's clang in /usr/lib/llvm-N/bin.
  if (toolchain.pluginLlvmMajor &&
      *toolchain.pluginLlvmMajor != RACEGATE_LLVM_MAJOR) {
    std::filesystem::path bin =
        fmt::format("/usr/lib/llvm-{}/bin", *toolchain.pluginLlvmMajor);
    std::error_code error;
    if (std::filesystem::exists(bin / "clang", error) &&
        std::filesystem::exists(bin / "clang++", error)) {
      toolchain.cCompiler = (bin / "clang").string();
      toolchain.cxxCompiler = (bin / "clang++").string();
    }
  }
  return toolchain;
}

std::optional<int> compilerMajorVersion(const std::string &compiler) {
  // Single quotes keep the path one word; a quote inside is closed, escaped
  // and reopened.
  std::string quoted = "'";
  for (char c : compiler)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  quoted += "'";
  FILE *pipe = popen((quoted + " -dumpversion 2>/dev/null").c_str(), "r");
  if (!pipe)
    return std::nullopt;
  int major = 0;
  int scanned = std::fscanf(pipe, "%d", &major);
  int status = pclose(pipe);
  if (scanned != 1 || status != 0 || major <= 0)
    return std::nullopt;
  return major;
}

void requireCompilerMatchingPlugin(const Toolchain &toolchain,
                                   const std::string &compiler) {
  if (!toolchain.pluginLlvmMajor)
    return;
  int wanted = *toolchain.pluginLlvmMajor;
  std::optional<int> found = compilerMajorVersion(compiler);
  if (!found)
    throw ToolError(fmt::format(
        "cannot run {} to find its version; the plugin in {} needs clang {}",
        compiler, toolchain.libDir.string(), wanted));
  if (*found != wanted)
    throw ToolError(fmt::format(
        "{} is version {}, but the plugin in {} is built for LLVM {}: compile "
        "with clang-{} (install clang-{}) or use a racegate built for LLVM {}",
        compiler, *found, toolchain.libDir.string(), wanted, wanted, wanted,
        *found));
}

std::vector<std::string> splitFlags(const std::vector<std::string> &values) {
  std::vector<std::string> flags;
  for (const std::string &value : values) {
    std::istringstream words(value);
    for (std::string flag; words >> flag;)
      flags.push_back(flag);
  }
  return flags;
}

bool hasDebugFlag(const std::vector<std::string> &flags) {
  for (const std::string &flag : flags)
    if (flag.rfind("-g", 0) == 0)
      return true;
  return false;
}

std::vector<std::string>
compileCommand(const Toolchain &toolchain, SourceLanguage language,
               const std::filesystem::path &source,
               const std::filesystem::path &object,
               const std::optional<std::vector<std::string>> &userFlags) {
  bool isCxx = language == SourceLanguage::Cxx;
  std::vector<std::string> command{isCxx ? toolchain.cxxCompiler
                                         : toolchain.cCompiler};
  if (userFlags) {
    command.insert(command.end(), userFlags->begin(), userFlags->end());
    if (!hasDebugFlag(*userFlags))
      command.push_back("-g");
  } else {
    if (isCxx)
      command.push_back("-std=c++20");
    command.insert(command.end(), {"-g", "-O1"});
  }
  std::vector<std::string> instrumentation = instrumentationFlags(toolchain);
  command.insert(command.end(), instrumentation.begin(), instrumentation.end());
  command.insert(command.end(), {"-c", source.string(), "-o", object.string()});
  return command;
}

std::vector<std::string> instrumentationFlags(const Toolchain &toolchain) {
  return {"-fpass-plugin=" + toolchain.passPlugin().string(),
          "-fno-omit-frame-pointer", "-pthread"};
}

std::vector<std::string> runtimeLinkFlags(const Toolchain &toolchain) {
  return {"-Wl,--whole-archive",
          toolchain.runtimeArchive().string(),
          "-Wl,--no-whole-archive",
          "-pthread",
          "-ldl",
          "-rdynamic"};
}

std::vector<std::string>
linkCommand(const Toolchain &toolchain,
            const std::vector<std::filesystem::path> &objects,
            const std::filesystem::path &binary) {
  std::vector<std::string> command{toolchain.cxxCompiler};
  for (const auto &object : objects)
    command.push_back(object.string());
  command.insert(command.end(), {"-o", binary.string()});
  std::vector<std::string> runtime = runtimeLinkFlags(toolchain);
  command.insert(command.end(), runtime.begin(), runtime.end());
  return command;
}

} // namespace racegate

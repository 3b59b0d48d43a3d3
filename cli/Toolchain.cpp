#include "Toolchain.h"

#include <sstream>

// Absolute paths found by CMake; the fallbacks serve builds outside CMake.
#ifndef RACEGATE_CLANG
#define RACEGATE_CLANG "clang-14"
#endif
#ifndef RACEGATE_CLANGXX
#define RACEGATE_CLANGXX "clang++-14"
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

Toolchain makeDefaultToolchain(const std::filesystem::path &libDir) {
  return Toolchain{RACEGATE_CLANG, RACEGATE_CLANGXX, libDir};
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

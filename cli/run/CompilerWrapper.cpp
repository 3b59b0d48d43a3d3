#include "CompilerWrapper.h"

#include "Commands.h"
#include "Diagnostics.h"
#include "Resources.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace racegate {

namespace {

// clang options whose value is the next argument, so that value is not
// mistaken for an input file.
constexpr std::array<std::string_view, 30> kOptionsWithValue = {
    "-o",          "-I",
    "-D",          "-U",
    "-include",    "-imacros",
    "-isystem",    "-idirafter",
    "-iquote",     "-isysroot",
    "-iprefix",    "-iwithprefix",
    "-x",          "-MF",
    "-MT",         "-MQ",
    "-L",          "-l",
    "-u",          "-T",
    "-z",          "-e",
    "-Xlinker",    "-Xclang",
    "-Xassembler", "-Xpreprocessor",
    "-target",     "-arch",
    "--sysroot",   "-mllvm",
};

bool isSourceFile(std::string_view argument) {
  for (std::string_view extension :
       {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".i", ".ii"})
    if (argument.ends_with(extension))
      return true;
  return false;
}

bool looksLikeFile(std::string_view argument) {
  return argument.find('.') != std::string_view::npos ||
         argument.find('/') != std::string_view::npos;
}

// An executable named by the first argument: the compiler a launcher got.
bool isCompilerPath(const std::string &argument) {
  if (argument.empty() || argument.starts_with('-') || isSourceFile(argument))
    return false;
  std::string_view name(argument);
  name = name.substr(name.find_last_of('/') + 1);
  bool isNamedLikeCompiler = name.find("clang") != std::string_view::npos ||
                             name == "cc" || name == "c++" ||
                             name.find("gcc") != std::string_view::npos ||
                             name.find("g++") != std::string_view::npos;
  if (!isNamedLikeCompiler)
    return false;
  if (argument.find('/') != std::string::npos)
    return access(argument.c_str(), X_OK) == 0;
  return true; // a bare name is looked up in PATH by execvp
}

struct CommandShape {
  bool hasSources = false;
  bool hasInputs = false;
  bool stopsBeforeLink = false; // -c, -S, -E, -M, -MM, -fsyntax-only
  bool onlyPreprocesses = false;
  bool isShared = false;
  bool hasLanguageOption = false; // -x: inputs of any name are sources
  bool hasDebug = false;
};

CommandShape inspect(const std::vector<std::string> &arguments) {
  CommandShape shape;
  for (size_t index = 0; index < arguments.size(); ++index) {
    const std::string &argument = arguments[index];
    if (std::find(kOptionsWithValue.begin(), kOptionsWithValue.end(),
                  argument) != kOptionsWithValue.end()) {
      shape.hasLanguageOption = shape.hasLanguageOption || argument == "-x";
      ++index;
      continue;
    }
    if (argument.starts_with("-x"))
      shape.hasLanguageOption = true;
    if (argument == "-c" || argument == "-S")
      shape.stopsBeforeLink = true;
    if (argument == "-E" || argument == "-M" || argument == "-MM" ||
        argument == "-fsyntax-only")
      shape.stopsBeforeLink = shape.onlyPreprocesses = true;
    if (argument == "-shared")
      shape.isShared = true;
    if (argument.starts_with("-g") && argument != "-g0")
      shape.hasDebug = true;
    // After -x any name is an input; otherwise inputs look like files.
    if (argument == "-" ||
        (!argument.starts_with('-') &&
         (looksLikeFile(argument) || shape.hasLanguageOption))) {
      shape.hasInputs = true;
      shape.hasSources =
          shape.hasSources || isSourceFile(argument) || shape.hasLanguageOption;
    }
  }
  return shape;
}

} // namespace

WrappedCommand wrapCompilerCommand(const Toolchain &toolchain, bool isCxx,
                                   const std::vector<std::string> &arguments) {
  WrappedCommand wrapped;
  auto rest = arguments.begin();
  if (!arguments.empty() && isCompilerPath(arguments.front())) {
    wrapped.argv.push_back(arguments.front());
    ++rest;
  } else {
    wrapped.argv.push_back(isCxx ? toolchain.cxxCompiler : toolchain.cCompiler);
  }
  std::vector<std::string> userArguments(rest, arguments.end());
  wrapped.argv.insert(wrapped.argv.end(), userArguments.begin(),
                      userArguments.end());

  CommandShape shape = inspect(userArguments);
  if (shape.hasSources && !shape.onlyPreprocesses) {
    std::vector<std::string> flags = instrumentationFlags(toolchain);
    wrapped.argv.insert(wrapped.argv.end(), flags.begin(), flags.end());
    if (!shape.hasDebug)
      wrapped.argv.push_back("-g");
    wrapped.instruments = true;
  }
  if (shape.hasInputs && !shape.stopsBeforeLink && !shape.isShared) {
    std::vector<std::string> flags = runtimeLinkFlags(toolchain);
    wrapped.argv.insert(wrapped.argv.end(), flags.begin(), flags.end());
    // The runtime is C++ built on libstdc++: a C program links libstdc++
    // for it, and so does one using libc++ (whose names live in std::__1,
    // apart from libstdc++'s), by file name, since clang turns -lstdc++
    // into -lc++ there.
    if (!isCxx)
      wrapped.argv.push_back("-lstdc++");
    else if (std::find(userArguments.begin(), userArguments.end(),
                       "-stdlib=libc++") != userArguments.end())
      wrapped.argv.push_back("-l:libstdc++.so.6");
    wrapped.linksRuntime = true;
  }
  return wrapped;
}

int runCompilerWrapper(bool isCxx, const std::vector<std::string> &arguments) {
  Toolchain toolchain = makeDefaultToolchain(findLibDir());
  WrappedCommand wrapped = wrapCompilerCommand(toolchain, isCxx, arguments);
  if (wrapped.instruments || wrapped.linksRuntime)
    requireResources(toolchain.passPlugin(), toolchain.runtimeArchive());
  if (wrapped.instruments)
    requireCompilerMatchingPlugin(toolchain, wrapped.argv.front());
  // The runtime works by interposing libc's and libpthread's functions,
  // which a static link resolves before racegate can.
  if (wrapped.linksRuntime)
    for (const std::string &argument : arguments)
      if (argument == "-static" || argument == "-static-pie")
        throw ToolError(fmt::format(
            "{} is not supported: racegate's runtime intercepts libc and "
            "pthread calls, which needs a dynamically linked program",
            argument));
  std::vector<char *> argv;
  for (std::string &argument : wrapped.argv)
    argv.push_back(argument.data());
  argv.push_back(nullptr);
  // exec rather than spawn: the build tool then sees the compiler's own exit
  // status, signals and timing.
  execvp(argv[0], argv.data());
  throw ToolError(fmt::format("cannot run {}: {}", wrapped.argv.front(),
                              std::strerror(errno)));
}

} // namespace racegate

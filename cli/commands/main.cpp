// racegate command-line entry point: the compiler-wrapper personalities and
// the mapping of failures to the documented exit codes. The grammar lives in
// CommandLine.cpp, the work in racegate_cli_lib.

#include "CommandLine.h"
#include "Commands.h"
#include "Diagnostics.h"

#include <fmt/core.h>

#include <csignal>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace racegate;

namespace {

// Everything after the first "--" belongs to the analysed program. Splitting
// here, before CLI11 sees the arguments, keeps the program's own options
// (which may look like ours) out of racegate's option parsing entirely.
struct SplitArguments {
  std::vector<std::string> ours;
  std::vector<std::string> program;
};

SplitArguments splitAtDoubleDash(int argc, char **argv) {
  SplitArguments split;
  bool isProgram = false;
  for (int index = 1; index < argc; ++index) {
    std::string argument = argv[index];
    if (!isProgram && argument == "--")
      isProgram = true;
    else
      (isProgram ? split.program : split.ours).push_back(std::move(argument));
  }
  return split;
}

struct WrapperCall {
  bool isCxx;
  std::vector<std::string> arguments;
};

// `racegate cc ARGS`, `racegate c++ ARGS`, or racegate started through a
// link named racegate-cc / racegate-c++ (or racegate-clang[++]): a build
// system passes compiler arguments, which must reach the compiler untouched,
// so they bypass the option parser (and its "--" split) entirely.
std::optional<WrapperCall> wrapperCall(int argc, char **argv) {
  std::string_view self = argv[0];
  self = self.substr(self.find_last_of('/') + 1);
  std::vector<std::string> rest(argv + 1, argv + argc);
  if (self == "racegate-cc" || self == "racegate-clang")
    return WrapperCall{false, rest};
  if (self == "racegate-c++" || self == "racegate-clang++")
    return WrapperCall{true, rest};
  if (argc >= 2 && (rest.front() == "cc" || rest.front() == "c++")) {
    bool isCxx = rest.front() == "c++";
    rest.erase(rest.begin());
    return WrapperCall{isCxx, rest};
  }
  return std::nullopt;
}

} // namespace

int main(int argc, char **argv) {
  // A closed stdout must surface as a write error (exit 2), not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    if (auto wrapper = wrapperCall(argc, argv)) {
      // The compiler must get the default SIGPIPE disposition back.
      std::signal(SIGPIPE, SIG_DFL);
      return runCompilerWrapper(wrapper->isCxx, wrapper->arguments);
    }
    SplitArguments arguments = splitAtDoubleDash(argc, argv);
    return runCommandLine(arguments.ours, arguments.program);
  } catch (const ToolError &error) {
    printError(error.what());
  } catch (const std::exception &error) {
    // Anything else is a racegate bug, but it still gets the one-line error
    // and exit code 2 that scripts rely on, never an abort.
    printError(fmt::format("internal error: {}", error.what()));
  } catch (...) {
    printError("internal error");
  }
  return ExitToolError;
}

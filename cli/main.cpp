// racegate command-line entry point: argument parsing and the mapping of
// failures to the documented exit codes. The work lives in racegate_cli_lib.

#include "Commands.h"
#include "Diagnostics.h"
#include "Version.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <csignal>
#include <exception>
#include <string>
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

struct CommonOptionValues {
  std::string format = "json";
  std::string outputFile;
  unsigned timeoutSeconds = 0;

  OutputOptions output() const {
    return {parseReportFormat(format), outputFile};
  }
};

void addOutputOptions(CLI::App &command, CommonOptionValues &values) {
  command.add_option("--format", values.format, "Report format (default json)")
      ->check(CLI::IsMember({"json", "text"}));
  command
      .add_option("-o,--output", values.outputFile,
                  "Write the report to FILE instead of standard output")
      ->type_name("FILE");
}

void addTimeoutOption(CLI::App &command, CommonOptionValues &values) {
  command
      .add_option("--timeout", values.timeoutSeconds,
                  "Stop the program after SECONDS (default 0: no limit)")
      ->type_name("SECONDS");
}

// Parses the arguments and runs the chosen command; returns the exit code.
// Throws ToolError (and, for racegate bugs, other exceptions) to main().
int runRacegate(const SplitArguments &arguments) {
  CLI::App app{"racegate: data race and deadlock analyzer for C and C++",
               "racegate"};
  app.set_version_flag("--version",
                       fmt::format("{} {}", kToolName, kToolVersion));
  app.require_subcommand(1);
  app.footer("Exit status: 0 no findings, 1 findings, 2 usage or tool error.\n"
             "The report format is described in docs/report-format.md.");

  CommonOptionValues checkCommon;
  CheckOptions check;
  CLI::App *checkCommand = app.add_subcommand(
      "check", "Compile C/C++ sources with racegate, run the program, report");
  addOutputOptions(*checkCommand, checkCommon);
  addTimeoutOption(*checkCommand, checkCommon);
  checkCommand
      ->add_option("--cflags", check.cflags,
                   "Compiler flags replacing the default -g -O1 (and "
                   "-std=c++20); repeatable or one quoted string")
      ->allow_extra_args(false) // one value per --cflags: FILEs follow
      ->type_name("FLAGS");
  checkCommand
      ->add_option("--keep-binary", check.keepBinary,
                   "Keep the instrumented program at PATH")
      ->type_name("PATH");
  checkCommand->add_option("FILE", check.sources, "C or C++ source files")
      ->required();
  checkCommand->footer("Arguments after -- are passed to the program.");

  CommonOptionValues runCommon;
  RunOptions run;
  CLI::App *runCommand = app.add_subcommand(
      "run", "Run a program built with racegate and report its findings");
  addOutputOptions(*runCommand, runCommon);
  addTimeoutOption(*runCommand, runCommon);
  runCommand->add_option("PROGRAM", run.command,
                         "The program (put it and its arguments after --)");
  runCommand->footer("Usage: racegate run [OPTIONS] -- PROGRAM [ARGS...]");

  CommonOptionValues reportCommon;
  ReportOptions report;
  CLI::App *reportCommand = app.add_subcommand(
      "report", "Turn an existing findings stream into a report");
  addOutputOptions(*reportCommand, reportCommon);
  reportCommand->add_option("STREAM", report.streamFile, "Findings stream")
      ->required();

  // CLI11 would report a misspelt command as "A subcommand is required".
  if (const std::vector<std::string> &ours = arguments.ours;
      !ours.empty() && !ours.front().starts_with("-") &&
      ours.front() != "check" && ours.front() != "run" &&
      ours.front() != "report")
    throw ToolError(fmt::format(
        "unknown command '{}' (expected check, run or report; see --help)",
        ours.front()));

  try {
    // CLI11 takes its argument vector in reverse order.
    app.parse(std::vector<std::string>(arguments.ours.rbegin(),
                                       arguments.ours.rend()));
  } catch (const CLI::ParseError &error) {
    // CLI11 reports --help and --version as "errors" with exit code 0.
    if (error.get_exit_code() == 0)
      return app.exit(error);
    throw ToolError(error.what());
  }

  if (*checkCommand) {
    check.output = checkCommon.output();
    check.timeoutSeconds = checkCommon.timeoutSeconds;
    check.hasCflags = checkCommand->count("--cflags") > 0;
    check.programArgs = arguments.program;
    return runCheckCommand(check);
  }
  if (*runCommand) {
    run.output = runCommon.output();
    run.timeoutSeconds = runCommon.timeoutSeconds;
    run.command.insert(run.command.end(), arguments.program.begin(),
                       arguments.program.end());
    if (run.command.empty())
      throw ToolError("no program given (usage: racegate run [OPTIONS] -- "
                      "PROGRAM [ARGS...])");
    return runRunCommand(run);
  }
  if (!arguments.program.empty())
    throw ToolError("racegate report takes no program arguments after --");
  report.output = reportCommon.output();
  return runReportCommand(report);
}

} // namespace

int main(int argc, char **argv) {
  // A closed stdout must surface as a write error (exit 2), not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return runRacegate(splitAtDoubleDash(argc, argv));
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

// racegate's command-line grammar: subcommands, their options and help.

#include "CommandLine.h"

#include "Commands.h"
#include "Diagnostics.h"
#include "FindingKinds.h"
#include "ProgramRunner.h"
#include "Version.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace racegate {

namespace {

// cc and c++ never get here (main.cpp takes them first); they are listed so
// they are never called unknown.
constexpr std::array<std::string_view, 7> kCommands = {
    "check", "run", "report", "merge", "explain", "cc", "c++"};

struct OutputValues {
  std::string format = "json";
  std::string outputFile;
  std::string sourceRoot;

  OutputOptions options() const {
    return {parseReportFormat(format), outputFile, sourceRoot};
  }
};

struct RunValues {
  unsigned timeoutSeconds = 0;
  std::string starvationThreshold;
  unsigned exitGraceMillis = 0;
  unsigned historyKiB = 0;
  std::string reportDir;
  bool allowProgramFailure = false;

  // `command` tells a threshold given as "" (an error) from none at all.
  RunSettings settings(const CLI::App &command) const {
    RunSettings settings{timeoutSeconds, std::nullopt, std::nullopt,
                         std::nullopt,   reportDir,    allowProgramFailure};
    if (command.count("--exit-grace") > 0)
      settings.exitGraceMillis = exitGraceMillis;
    if (command.count("--history-size") > 0)
      settings.historyKiB = historyKiB;
    if (command.count("--starvation-threshold") > 0)
      settings.starvationMillis = parseStarvationThreshold(starvationThreshold);
    return settings;
  }
};

void addOutputOptions(CLI::App &command, OutputValues &values) {
  command
      .add_option("--format", values.format,
                  "Report format: json (default), sarif, text or github")
      ->check(CLI::IsMember(std::vector<std::string>(
          std::begin(kReportFormatNames), std::end(kReportFormatNames))));
  command
      .add_option("-o,--output", values.outputFile,
                  "Write the report to FILE instead of standard output")
      ->type_name("FILE");
  command
      .add_option("--source-root", values.sourceRoot,
                  "Name files relative to DIR in sarif, text and github "
                  "output (default: $GITHUB_WORKSPACE, else the git top "
                  "level, else the current directory)")
      ->type_name("DIR");
}

void addGateOptions(CLI::App &command, GateOptions &values) {
  command
      .add_option("--fail-on", values.failOn,
                  "Finding kinds that fail the gate (exit 1): default (every "
                  "kind but notes such as lock_order_violation), all, none, "
                  "or a comma-separated list")
      ->type_name("KINDS");
  command
      .add_option("--baseline", values.baselineFile,
                  "Only findings missing from this earlier JSON report fail")
      ->type_name("REPORT.json");
  command
      .add_option("--suppressions", values.suppressionsFile,
                  "Drop findings matching this file (TSan syntax plus "
                  "src:GLOB)")
      ->type_name("FILE");
}

void addRunOptions(CLI::App &command, RunValues &values) {
  command
      .add_option("--timeout", values.timeoutSeconds,
                  "Stop the program after SECONDS (default 0: no limit)")
      ->type_name("SECONDS");
  command
      .add_option("--starvation-threshold", values.starvationThreshold,
                  "Report a thread waiting this long for a lock others keep "
                  "taking (default 1; decimals allowed)")
      ->type_name("SECONDS");
  command
      .add_option("--exit-grace", values.exitGraceMillis,
                  "When the program exits, let threads not yet started or "
                  "still running go on for up to MS milliseconds (default "
                  "1000; 0: none)")
      ->type_name("MS");
  command
      .add_option("--history-size", values.historyKiB,
                  "Keep KB KiB of recent calls and accesses per thread, from "
                  "which a race report names the earlier access's callers "
                  "(default 256)")
      ->check(CLI::Range(16u, 131072u))
      ->type_name("KB");
  command
      .add_option("--report-dir", values.reportDir,
                  "Also save the JSON report in DIR as PROGRAM-PID.json")
      ->type_name("DIR");
  command.add_flag("--allow-program-failure", values.allowProgramFailure,
                   "Exit 0 without failing findings even if the program "
                   "exits non-zero or is killed (default: exit 3)");
}

} // namespace

int runCommandLine(const std::vector<std::string> &ours,
                   const std::vector<std::string> &program) {
  CLI::App app{"racegate: data race and deadlock analyzer for C and C++",
               "racegate"};
  app.set_version_flag("--version",
                       fmt::format("{} {}", kToolName, kToolVersion));
  app.require_subcommand(1);
  app.footer(
      "Compiler wrappers: racegate cc|c++ COMPILER-ARGS... (also installed as "
      "racegate-cc and racegate-c++).\n"
      "Exit status: 0 nothing fails the gate, 1 a finding fails it, 2 usage "
      "or tool error.\n"
      "See docs/report-format.md, docs/gating.md and "
      "docs/build-integration.md.");

  OutputValues checkOutput;
  RunValues checkRun;
  CheckOptions check;
  CLI::App *checkCommand = app.add_subcommand(
      "check", "Compile C/C++ sources with racegate, run the program, report");
  addOutputOptions(*checkCommand, checkOutput);
  addGateOptions(*checkCommand, check.gate);
  addRunOptions(*checkCommand, checkRun);
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

  OutputValues runOutput;
  RunValues runRun;
  RunOptions run;
  CLI::App *runCommand = app.add_subcommand(
      "run", "Run a program built with racegate and report its findings");
  addOutputOptions(*runCommand, runOutput);
  addGateOptions(*runCommand, run.gate);
  addRunOptions(*runCommand, runRun);
  runCommand->add_option("PROGRAM", run.command,
                         "The program (put it and its arguments after --)");
  runCommand->footer("Usage: racegate run [OPTIONS] -- PROGRAM [ARGS...]");

  OutputValues reportOutput;
  ReportOptions report;
  CLI::App *reportCommand = app.add_subcommand(
      "report", "Turn an existing findings stream into a report");
  addOutputOptions(*reportCommand, reportOutput);
  addGateOptions(*reportCommand, report.gate);
  reportCommand->add_option("STREAM", report.streamFile, "Findings stream")
      ->required();

  OutputValues mergeOutput;
  MergeOptions merge;
  CLI::App *mergeCommand = app.add_subcommand(
      "merge", "Combine JSON reports into one, each finding once");
  addOutputOptions(*mergeCommand, mergeOutput);
  addGateOptions(*mergeCommand, merge.gate);
  mergeCommand->add_option("REPORT", merge.reports, "JSON reports to merge")
      ->required();

  std::string explainKind;
  CLI::App *explainCommand = app.add_subcommand(
      "explain", "Explain a finding kind: what it means, why it is a bug, "
                 "how to fix it");
  explainCommand->add_option("KIND", explainKind,
                             "A finding kind; without one, list the kinds");

  // CLI11 would report a misspelt command as "A subcommand is required".
  if (!ours.empty() && !ours.front().starts_with("-") &&
      std::find(kCommands.begin(), kCommands.end(), ours.front()) ==
          kCommands.end())
    throw ToolError(fmt::format(
        "unknown command '{}' (expected check, run, report, merge, explain, "
        "cc or c++; see --help)",
        ours.front()));

  try {
    // CLI11 takes its argument vector in reverse order.
    app.parse(std::vector<std::string>(ours.rbegin(), ours.rend()));
  } catch (const CLI::ParseError &error) {
    // CLI11 reports --help and --version as "errors" with exit code 0.
    if (error.get_exit_code() == 0)
      return app.exit(error);
    throw ToolError(error.what());
  }

  if (*runCommand) {
    run.output = runOutput.options();
    run.run = runRun.settings(*runCommand);
    run.command.insert(run.command.end(), program.begin(), program.end());
    if (run.command.empty())
      throw ToolError("no program given (usage: racegate run [OPTIONS] -- "
                      "PROGRAM [ARGS...])");
    return runRunCommand(run);
  }
  if (*checkCommand) {
    check.output = checkOutput.options();
    check.run = checkRun.settings(*checkCommand);
    check.hasCflags = checkCommand->count("--cflags") > 0;
    check.programArgs = program;
    return runCheckCommand(check);
  }
  if (!program.empty())
    throw ToolError(fmt::format("racegate {} takes no program arguments after "
                                "--",
                                app.get_subcommands().front()->get_name()));
  if (*reportCommand) {
    report.output = reportOutput.options();
    return runReportCommand(report);
  }
  if (*mergeCommand) {
    merge.output = mergeOutput.options();
    return runMergeCommand(merge);
  }
  return runExplainCommand(explainCommand->count("KIND") > 0
                               ? std::optional<std::string>(explainKind)
                               : std::nullopt);
}

} // namespace racegate

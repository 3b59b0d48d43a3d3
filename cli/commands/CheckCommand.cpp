#include "Commands.h"

#include "CommandSupport.h"
#include "Diagnostics.h"
#include "OutputFile.h"
#include "Process.h"
#include "ProgramRunner.h"
#include "Resources.h"
#include "TempDir.h"
#include "Toolchain.h"

#include <fmt/core.h>

namespace racegate {

namespace {

struct Source {
  std::filesystem::path path;
  SourceLanguage language;
};

// All sources are checked before the first compile so a typo in the last
// file name does not cost a full compile of the others.
std::vector<Source> validateSources(const std::vector<std::string> &names) {
  std::vector<Source> sources;
  for (const std::string &name : names) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(name, error))
      throw ToolError(fmt::format("{}: no such source file", name));
    auto language = languageOfSource(name);
    if (!language)
      throw ToolError(fmt::format(
          "{}: unknown source file extension (expected .c, .cc, .cpp, .cxx "
          "or .C)",
          name));
    sources.push_back({name, *language});
  }
  return sources;
}

// Any way the compiler fails (non-zero exit, crash) is a failure; its own
// diagnostics are already on stderr by then.
void runTool(const std::vector<std::string> &command,
             const std::string &failure) {
  if (!runProcess(command).succeeded())
    throw ToolError(failure);
}

} // namespace

int runCheckCommand(const CheckOptions &options) {
  Gate gate = loadGate(options.gate);
  std::vector<Source> sources = validateSources(options.sources);
  // Checked before compiling: `-o v.c` or `--keep-binary v.c` would
  // otherwise replace the program being checked with its report or binary.
  refuseToClobberInputs(options.output, options.gate, options.sources);
  refuseToClobber(options.keepBinary, options.sources, "--keep-binary");
  if (!options.keepBinary.empty())
    refuseToClobber(options.output.outputFile, {options.keepBinary}, "-o",
                    "--keep-binary file");
  Toolchain toolchain = makeDefaultToolchain(findLibDir());
  requireResources(toolchain.passPlugin(), toolchain.runtimeArchive());
  requireCompilerMatchingPlugin(toolchain, toolchain.cxxCompiler);

  std::optional<std::vector<std::string>> userFlags;
  if (options.hasCflags)
    userFlags = splitFlags(options.cflags);

  TempDir dir;
  std::vector<std::filesystem::path> objects;
  for (const Source &source : sources) {
    // The index keeps a.c and sub/a.c from sharing an object file.
    std::filesystem::path object =
        dir.path() /
        fmt::format("{}-{}.o", objects.size(), source.path.stem().string());
    runTool(compileCommand(toolchain, source.language, source.path, object,
                           userFlags),
            fmt::format("compilation of {} failed", source.path.string()));
    objects.push_back(object);
  }

  // An absolute path, so that running it never falls back to a PATH search.
  std::filesystem::path binary =
      options.keepBinary.empty()
          ? dir.path() / sources.front().path.stem()
          : std::filesystem::absolute(options.keepBinary);
  runTool(linkCommand(toolchain, objects, binary), "linking failed");

  RunRequest request;
  request.command.push_back(binary.string());
  request.command.insert(request.command.end(), options.programArgs.begin(),
                         options.programArgs.end());
  request.timeoutSeconds = options.run.timeoutSeconds;
  request.starvationMillis = options.run.starvationMillis;
  request.exitGraceMillis = options.run.exitGraceMillis;
  request.historyKiB = options.run.historyKiB;
  request.showProgress = stderrIsInteractive();
  RunOutcome outcome = runInstrumentedProgram(request);
  int gateExitCode = deliverReport(outcome.report, gate, options.output,
                                   options.run.reportDir, binary.string());
  return exitCodeWithProgramStatus(gateExitCode, outcome,
                                   options.run.allowProgramFailure);
}

} // namespace racegate

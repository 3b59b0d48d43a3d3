#include "TextFormat.h"

#include "FindingKinds.h"
#include "Frames.h"
#include "JsonFields.h"
#include "SourcePaths.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <vector>

namespace racegate {

namespace {

class TextWriter {
public:
  TextWriter(bool useColour, const SourcePaths &paths, ReportSink &out)
      : useColour(useColour), paths(paths), out(out) {}

  void finding(const Finding &finding) {
    std::string kind = finding.kind.str();
    const char *severity = "error";
    if (finding.baseline) {
      severity = "warning";
      kind += ", in the baseline";
    } else if (!finding.failsGate) {
      severity = "warning";
      kind += isNoteKind(finding.kind.view()) ? ", a note" : ", not gated";
    }
    std::string where = position(finding.location);
    line(where, severity, fmt::format("{} [{}]", finding.message, kind));
    if (finding.count > 1)
      line(where, "note",
           fmt::format("reported {} times with the same fingerprint",
                       finding.count));
    for (const Stack &stack : finding.stacks)
      stackNote(stack);
    variableNotes(finding);
    threadNotes(finding);
  }

  void raw(std::string_view text) { out.write(text); }

private:
  static constexpr const char *kBold = "\x1b[1m";
  static constexpr const char *kRed = "\x1b[1;31m";
  static constexpr const char *kMagenta = "\x1b[1;35m";
  static constexpr const char *kCyan = "\x1b[1;36m";
  static constexpr const char *kReset = "\x1b[0m";

  std::string paint(const char *colour, const std::string &text) const {
    return useColour ? colour + text + kReset : text;
  }

  std::string position(const Frame &frame) const {
    const std::string &file = paths.display(frame.file);
    return fmt::format("{}:{}:{}", file.empty() ? "<unknown>" : file,
                       frame.line, frame.column);
  }

  // Notes point at the user's code, like the finding's own location.
  std::string positionOf(const Frames &frames) const {
    const Frame *frame = primaryFrame(frames);
    return frame ? position(*frame) : "<unknown>:0:0";
  }

  void line(const std::string &where, std::string_view severity,
            const std::string &message) {
    const char *colour = severity == "error"     ? kRed
                         : severity == "warning" ? kMagenta
                                                 : kCyan;
    bool isHeadline = severity != "note";
    out.write(fmt::format("{}: {} {}\n", paint(kBold, where),
                          paint(colour, std::string(severity) + ":"),
                          isHeadline ? paint(kBold, message) : message));
  }

  void frameLine(size_t index, const Frame &frame) {
    out.write(fmt::format("  #{} {} {}{}\n", index,
                          elideTemplateArguments(frame.function.view()),
                          position(frame), frame.inlined ? " (inlined)" : ""));
  }

  // Frames innermost first; two or more consecutive frames in system headers
  // become one line, which keeps std::thread and std::mutex plumbing from
  // burying the user's frames.
  void frameLines(const Frames &frames) {
    size_t count = frames.size();
    for (size_t index = 0; index < count;) {
      size_t end = index;
      while (end < count && !isUserFrame(frames[end]))
        ++end;
      if (end - index >= 2) {
        out.write(fmt::format("  #{}-#{} ({} frames in system headers)\n",
                              index, end - 1, end - index));
        index = end;
      } else {
        frameLine(index, frames[index]);
        ++index;
      }
    }
  }

  static std::string withThread(std::string description,
                                const std::optional<int64_t> &thread) {
    // Most runtime descriptions already name their thread.
    if (thread) {
      std::string name = fmt::format("thread {}", *thread);
      if (description.find(name) == std::string::npos)
        description += " (" + name + ")";
    }
    return description;
  }

  void stackNote(const Stack &stack) {
    std::string description = stack.description.str();
    if (description.empty())
      description = "stack";
    line(positionOf(stack.frames), "note",
         withThread(std::move(description), stack.thread));
    frameLines(stack.frames);
  }

  static std::string threadText(const std::optional<int64_t> &thread) {
    return thread ? std::to_string(*thread) : "?";
  }

  // Where the racing variable lives: its declaration or its allocation.
  void variableNotes(const Finding &finding) {
    if (!finding.race || !finding.race->variable)
      return;
    const Variable &variable = *finding.race->variable;
    std::string_view kind = variable.kind.view();
    if (kind == "global" && !variable.file.empty()) {
      Frame declaration;
      declaration.file = variable.file;
      declaration.line = variable.line.value_or(0);
      line(position(declaration), "note",
           fmt::format("'{}' is declared here", variable.name.str()));
    } else if (kind == "stack" && variable.frame &&
               !variable.frame->file.empty()) {
      line(position(*variable.frame), "note",
           fmt::format("stack variable of thread {}, in the frame of {}",
                       threadText(variable.thread),
                       variable.frame->function.str()));
    } else if (kind == "heap") {
      if (!variable.allocationStack || variable.allocationStack->empty())
        return;
      line(positionOf(*variable.allocationStack), "note",
           "heap block allocated" +
               (variable.thread ? " by thread " + threadText(variable.thread)
                                : std::string()));
      frameLines(*variable.allocationStack);
    }
  }

  // Thread creation sites; the main thread has none and is skipped.
  void threadNotes(const Finding &finding) {
    for (const ThreadInfo &thread : finding.threads) {
      if (thread.creationStack.empty())
        continue;
      std::string text = "thread " + threadText(thread.id) + " created";
      if (thread.parent)
        text += " by thread " + threadText(thread.parent);
      line(positionOf(thread.creationStack), "note", text);
      frameLines(thread.creationStack);
    }
  }

  bool useColour;
  const SourcePaths &paths;
  ReportSink &out;
};

bool hasKind(const Report &report, std::string_view kind) {
  for (const Finding &finding : report.findings)
    if (finding.kind.view() == kind)
      return true;
  return false;
}

std::string programStatusLine(const Report &report) {
  const Json &program = report.program;
  if (!program.is_object())
    return "";
  if (isTrueField(program, "timed_out"))
    return "racegate: the program timed out\n";
  if (std::string signal = stringField(program, "signal"); !signal.empty())
    return fmt::format("racegate: the program was killed by {}\n", signal);
  // The runtime ends a hung program itself, with a status of its own.
  if (integerField(program, "exit_code") == 86 &&
      (hasKind(report, "deadlock") || hasKind(report, "stall")))
    return "racegate: the program could make no more progress and was ended "
           "(exit status 86)\n";
  return "";
}

} // namespace

std::string formatSummaryLine(const Json &summary) {
  auto total = integerField(summary, "total").value_or(0);
  auto failing = integerField(summary, "failing").value_or(total);
  auto inBaseline = integerField(summary, "baseline").value_or(0);
  auto suppressed = integerField(summary, "suppressed").value_or(0);
  std::string text;
  if (total == 0) {
    text = "racegate: no findings";
  } else {
    std::vector<std::string> parts;
    if (const Json *byKind = findMember(summary, "by_kind"))
      for (const auto &[kind, count] : byKind->items())
        parts.push_back(fmt::format("{} {}", scalarText(count), kind));
    text = fmt::format("racegate: {} finding{} ({})", total,
                       total == 1 ? "" : "s", fmt::join(parts, ", "));
  }
  std::vector<std::string> extras;
  if (inBaseline > 0)
    extras.push_back(fmt::format("{} in the baseline", inBaseline));
  if (suppressed > 0)
    extras.push_back(fmt::format("{} suppressed", suppressed));
  if (failing != total)
    extras.push_back(
        fmt::format("{} fail{} the gate", failing, failing == 1 ? "s" : ""));
  if (!extras.empty())
    text += fmt::format("; {}", fmt::join(extras, ", "));
  return text + "\n";
}

void writeTextReport(const Report &report, bool useColour,
                     const SourcePaths &paths, ReportSink &out) {
  TextWriter writer(useColour, paths, out);
  bool isFirst = true;
  for (const Finding &finding : report.findings) {
    if (!isFirst)
      writer.raw("\n");
    isFirst = false;
    writer.finding(finding);
  }
  if (!isFirst)
    writer.raw("\n");
  writer.raw(programStatusLine(report));
  writer.raw(formatSummaryLine(summaryJson(report)));
}

std::string formatTextReport(const Json &report, bool useColour) {
  StringSink out;
  writeTextReport(reportFromJson(report), useColour, SourcePaths(), out);
  return out.take();
}

} // namespace racegate

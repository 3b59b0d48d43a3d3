#include "TextFormat.h"

#include "Frames.h"
#include "JsonFields.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <vector>

namespace racegate {

namespace {

class TextWriter {
public:
  explicit TextWriter(bool useColour) : useColour(useColour) {}

  void finding(const Json &finding) {
    static const Json kNoLocation = Json::object();
    const Json *locationPtr = findMember(finding, "location");
    const Json &location = locationPtr ? *locationPtr : kNoLocation;
    std::string kind = stringField(finding, "kind");
    const char *severity = "error";
    if (isTrueField(finding, "baseline")) {
      severity = "warning";
      kind += ", in the baseline";
    } else if (!isTrueField(finding, "fails_gate")) {
      severity = "warning";
      kind += ", not gated";
    }
    line(position(location), severity,
         fmt::format("{} [{}]", stringField(finding, "message"), kind));
    if (auto count = integerField(finding, "count"); count && *count > 1)
      line(position(location), "note",
           fmt::format("reported {} times with the same fingerprint", *count));
    if (const Json *stacks = findMember(finding, "stacks");
        stacks && stacks->is_array())
      for (const Json &stack : *stacks)
        stackNote(stack);
    variableNotes(finding);
    threadNotes(finding);
  }

  void raw(const std::string &text) { out += text; }

  std::string take() { return std::move(out); }

private:
  static constexpr const char *kBold = "\x1b[1m";
  static constexpr const char *kRed = "\x1b[1;31m";
  static constexpr const char *kMagenta = "\x1b[1;35m";
  static constexpr const char *kCyan = "\x1b[1;36m";
  static constexpr const char *kReset = "\x1b[0m";

  std::string paint(const char *colour, const std::string &text) const {
    return useColour ? colour + text + kReset : text;
  }

  static std::string position(const Json &frame) {
    std::string file = stringField(frame, "file");
    return fmt::format("{}:{}:{}", file.empty() ? "<unknown>" : file,
                       integerField(frame, "line").value_or(0),
                       integerField(frame, "column").value_or(0));
  }

  // Notes point at the user's code, like the finding's own location.
  static std::string positionOf(const Json *frames) {
    const Json *frame = primaryFrame(frames);
    return position(frame ? *frame : Json::object());
  }

  void line(const std::string &where, std::string_view severity,
            const std::string &message) {
    const char *colour = severity == "error"     ? kRed
                         : severity == "warning" ? kMagenta
                                                 : kCyan;
    bool isHeadline = severity != "note";
    out += fmt::format("{}: {} {}\n", paint(kBold, where),
                       paint(colour, std::string(severity) + ":"),
                       isHeadline ? paint(kBold, message) : message);
  }

  void frameLine(size_t index, const Json &frame) {
    out += fmt::format("  #{} {} {}{}\n", index,
                       stringField(frame, "function", "??"), position(frame),
                       isTrueField(frame, "inlined") ? " (inlined)" : "");
  }

  // Frames innermost first; two or more consecutive frames in system headers
  // become one line, which keeps std::thread and std::mutex plumbing from
  // burying the user's frames.
  void frameLines(const Json *frames) {
    if (!frames || !frames->is_array())
      return;
    size_t count = frames->size();
    for (size_t index = 0; index < count;) {
      size_t end = index;
      while (end < count && !isUserFrame((*frames)[end]))
        ++end;
      if (end - index >= 2) {
        out += fmt::format("  #{}-#{} ({} frames in system headers)\n", index,
                           end - 1, end - index);
        index = end;
      } else {
        frameLine(index, (*frames)[index]);
        ++index;
      }
    }
  }

  void stackNote(const Json &stack) {
    const Json *frames = findMember(stack, "frames");
    std::string description = stringField(stack, "description");
    if (description.empty())
      description = "stack";
    // Most runtime descriptions already name their thread.
    if (const Json *thread = findMember(stack, "thread");
        thread && !thread->is_null()) {
      std::string name = "thread " + scalarText(*thread);
      if (description.find(name) == std::string::npos)
        description += " (" + name + ")";
    }
    line(positionOf(frames), "note", description);
    frameLines(frames);
  }

  // Where the racing variable lives: its declaration or its allocation.
  void variableNotes(const Json &finding) {
    const Json *race = findMember(finding, "race");
    const Json *variable = race ? findMember(*race, "variable") : nullptr;
    if (!variable)
      return;
    std::string kind = stringField(*variable, "kind");
    if (kind == "global" && !stringField(*variable, "file").empty()) {
      line(
          position(*variable), "note",
          fmt::format("'{}' is declared here", stringField(*variable, "name")));
    } else if (const Json *frame = findMember(*variable, "frame");
               kind == "stack" && frame &&
               !stringField(*frame, "file").empty()) {
      const Json *thread = findMember(*variable, "thread");
      line(position(*frame), "note",
           fmt::format("stack variable of thread {}, in the frame of {}",
                       thread ? scalarText(*thread) : "?",
                       stringField(*frame, "function", "??")));
    } else if (kind == "heap") {
      const Json *frames = findMember(*variable, "allocation_stack");
      if (!frames || !frames->is_array() || frames->empty())
        return;
      const Json *thread = findMember(*variable, "thread");
      line(positionOf(frames), "note",
           "heap block allocated" +
               (thread ? " by thread " + scalarText(*thread) : ""));
      frameLines(frames);
    }
  }

  // Thread creation sites; the main thread has none and is skipped.
  void threadNotes(const Json &finding) {
    const Json *threads = findMember(finding, "threads");
    if (!threads || !threads->is_array())
      return;
    for (const Json &thread : *threads) {
      const Json *frames = findMember(thread, "creation_stack");
      if (!frames || !frames->is_array() || frames->empty())
        continue;
      const Json *id = findMember(thread, "id");
      const Json *parent = findMember(thread, "parent");
      std::string text = "thread " + (id ? scalarText(*id) : "?") + " created";
      if (parent && !parent->is_null())
        text += " by thread " + scalarText(*parent);
      line(positionOf(frames), "note", text);
      frameLines(frames);
    }
  }

  bool useColour;
  std::string out;
};

bool hasKind(const Json &report, std::string_view kind) {
  if (const Json *findings = findMember(report, "findings");
      findings && findings->is_array())
    for (const Json &finding : *findings)
      if (stringField(finding, "kind") == kind)
        return true;
  return false;
}

std::string programStatusLine(const Json &report) {
  const Json *program = findMember(report, "program");
  if (!program)
    return "";
  if (isTrueField(*program, "timed_out"))
    return "racegate: the program timed out\n";
  if (std::string signal = stringField(*program, "signal"); !signal.empty())
    return fmt::format("racegate: the program was killed by {}\n", signal);
  // The runtime ends a hung program itself, with a status of its own.
  if (integerField(*program, "exit_code") == 86 &&
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

std::string formatTextReport(const Json &report, bool useColour) {
  TextWriter writer(useColour);
  bool isFirst = true;
  if (const Json *findings = findMember(report, "findings");
      findings && findings->is_array())
    for (const Json &finding : *findings) {
      if (!isFirst)
        writer.raw("\n");
      isFirst = false;
      writer.finding(finding);
    }
  if (!isFirst)
    writer.raw("\n");
  writer.raw(programStatusLine(report));
  if (const Json *summary = findMember(report, "summary"))
    writer.raw(formatSummaryLine(*summary));
  return writer.take();
}

} // namespace racegate

#include "TextFormat.h"

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
    line(position(location), "error",
         fmt::format("{} [{}]", stringField(finding, "message"),
                     stringField(finding, "kind")));
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

  static std::string positionOfTop(const Json *frames) {
    if (frames && frames->is_array() && !frames->empty())
      return position((*frames)[0]);
    return position(Json::object());
  }

  void line(const std::string &where, const char *severity,
            const std::string &message) {
    const char *colour = std::string_view(severity) == "error" ? kRed : kCyan;
    out += fmt::format("{}: {} {}\n", paint(kBold, where),
                       paint(colour, std::string(severity) + ":"),
                       severity == std::string_view("error")
                           ? paint(kBold, message)
                           : message);
  }

  void frameLines(const Json *frames) {
    if (!frames || !frames->is_array())
      return;
    size_t index = 0;
    for (const Json &frame : *frames) {
      const Json *inlined = findMember(frame, "inlined");
      bool isInlined = inlined && inlined->is_boolean() && inlined->get<bool>();
      out += fmt::format("  #{} {} {}{}\n", index++,
                         stringField(frame, "function", "??"), position(frame),
                         isInlined ? " (inlined)" : "");
    }
  }

  void stackNote(const Json &stack) {
    const Json *frames = findMember(stack, "frames");
    std::string description = stringField(stack, "description");
    if (description.empty())
      description = "stack";
    if (const Json *thread = findMember(stack, "thread");
        thread && !thread->is_null())
      description += fmt::format(" (thread {})", scalarText(*thread));
    line(positionOfTop(frames), "note", description);
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
    } else if (kind == "heap") {
      const Json *frames = findMember(*variable, "allocation_stack");
      if (!frames || !frames->is_array() || frames->empty())
        return;
      const Json *thread = findMember(*variable, "thread");
      line(positionOfTop(frames), "note",
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
      line(positionOfTop(frames), "note", text);
      frameLines(frames);
    }
  }

  bool useColour;
  std::string out;
};

std::string programStatusLine(const Json &program) {
  if (const Json *timedOut = findMember(program, "timed_out");
      timedOut && timedOut->is_boolean() && timedOut->get<bool>())
    return "racegate: the program timed out\n";
  if (std::string signal = stringField(program, "signal"); !signal.empty())
    return fmt::format("racegate: the program was killed by {}\n", signal);
  return "";
}

std::string summaryLine(const Json &summary) {
  auto total = integerField(summary, "total").value_or(0);
  if (total == 0)
    return "racegate: no findings\n";
  std::vector<std::string> parts;
  if (const Json *byKind = findMember(summary, "by_kind"))
    for (const auto &[kind, count] : byKind->items())
      parts.push_back(fmt::format("{} {}", scalarText(count), kind));
  return fmt::format("racegate: {} finding{} ({})\n", total,
                     total == 1 ? "" : "s", fmt::join(parts, ", "));
}

} // namespace

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
  if (const Json *program = findMember(report, "program"))
    writer.raw(programStatusLine(*program));
  if (const Json *summary = findMember(report, "summary"))
    writer.raw(summaryLine(*summary));
  return writer.take();
}

} // namespace racegate

#include "Commands.h"

#include "Diagnostics.h"
#include "Explanations.h"
#include "FindingKinds.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <cstdio>
#include <sstream>

namespace racegate {

namespace {

constexpr size_t kWidth = 78;

// Paragraphs are stored as single lines; a terminal wants them wrapped.
std::string wrap(std::string_view text, std::string_view indent) {
  std::istringstream words{std::string(text)};
  std::string out;
  std::string line(indent);
  for (std::string word; words >> word;) {
    if (line.size() > indent.size() && line.size() + 1 + word.size() > kWidth) {
      out += line + "\n";
      line = indent;
    }
    if (line.size() > indent.size())
      line += ' ';
    line += word;
  }
  return out + line + "\n";
}

void printKindList() {
  fmt::print("Finding kinds (racegate explain KIND for details):\n\n");
  for (std::string_view kind : findingKinds())
    fmt::print("  {:<26} {}\n", kind, explanationFor(kind)->title);
}

} // namespace

int runExplainCommand(const std::optional<std::string> &kind) {
  if (!kind) {
    printKindList();
    return ExitNoFindings;
  }
  auto explanation = explanationFor(*kind);
  if (!explanation)
    throw ToolError(fmt::format("unknown finding kind '{}' (known kinds: {})",
                                *kind, fmt::join(findingKinds(), ", ")));
  fmt::print("{} ({})\n\n", explanation->title, explanation->kind);
  fmt::print("What it means\n{}\n", wrap(explanation->meaning, "  "));
  fmt::print("Why it is a bug\n{}\n", wrap(explanation->whyBug, "  "));
  fmt::print("How to fix it\n{}", wrap(explanation->fix, "  "));
  std::fflush(stdout);
  if (std::ferror(stdout))
    throw ToolError("cannot write to standard output");
  return ExitNoFindings;
}

} // namespace racegate

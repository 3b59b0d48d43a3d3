#include "Suppressions.h"

#include "Diagnostics.h"
#include "Frames.h"
#include "JsonFields.h"
#include "TsanPattern.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <fnmatch.h>
#include <fstream>
#include <sstream>

namespace racegate {

namespace {

// TSan's types, plus racegate's `src`. `signal` is accepted so that existing
// TSan files load, though racegate has no signal-safety findings to match.
constexpr std::array<std::string_view, 8> kTypes = {
    "race",   "race_top",        "deadlock", "mutex",
    "thread", "called_from_lib", "signal",   "src"};

std::string_view trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos)
    return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// Which rule types apply to a finding kind, following TSan's mapping of its
// report types: `race` for races, `mutex` for mutex misuse, `deadlock` for
// lock-order reports (and here every other kind of hang as well).
bool typeAppliesTo(std::string_view type, const std::string &kind) {
  if (type == "race" || type == "race_top")
    return kind == "data_race";
  if (type == "deadlock")
    return kind == "lock_order_inversion" ||
           kind == "lock_order_violation" || kind == "deadlock" ||
           kind == "stall" || kind == "starvation" || kind == "livelock";
  if (type == "mutex")
    return kind == "unlock_not_owned" || kind == "double_unlock" ||
           kind == "destroy_locked" || kind == "lock_leak" ||
           kind == "semaphore_overflow" || kind == "condvar_wait_unlocked" ||
           kind == "condvar_multiple_mutexes" || kind == "barrier_misuse" ||
           kind == "sync_reinit" || kind == "sync_call_failed" ||
           kind == "lock_destroyed" || kind == "condvar_destroy_busy";
  return type == "thread" || type == "called_from_lib" || type == "src";
}

// TSan matches a frame by its function, file and module names.
bool frameMatches(const Json &frame, const std::string &pattern) {
  for (const char *key : {"function", "linkage_name", "file", "module"})
    if (matchesTsanPattern(pattern, stringField(frame, key)))
      return true;
  return false;
}

template <typename Visit>
void forEachStackFrames(const Json &finding, Visit &&visit) {
  const Json *stacks = findMember(finding, "stacks");
  if (!stacks || !stacks->is_array())
    return;
  for (const Json &stack : *stacks)
    if (const Json *frames = findMember(stack, "frames");
        frames && frames->is_array())
      visit(*frames);
}

template <typename Visit>
void forEachCreationStack(const Json &finding, Visit &&visit) {
  const Json *threads = findMember(finding, "threads");
  if (!threads || !threads->is_array())
    return;
  for (const Json &thread : *threads)
    if (const Json *frames = findMember(thread, "creation_stack");
        frames && frames->is_array())
      visit(*frames);
}

bool anyFrameMatches(const Json &frames, const std::string &pattern) {
  for (const Json &frame : frames)
    if (frameMatches(frame, pattern))
      return true;
  return false;
}

// `race:NAME` also matches the raced-on global by name or file, as in TSan.
bool variableMatches(const Json &finding, const std::string &pattern) {
  const Json *race = findMember(finding, "race");
  const Json *variable = race ? findMember(*race, "variable") : nullptr;
  if (!variable || stringField(*variable, "kind") != "global")
    return false;
  return matchesTsanPattern(pattern, stringField(*variable, "name")) ||
         matchesTsanPattern(pattern, stringField(*variable, "file"));
}

bool ruleMatches(const SuppressionRule &rule, const Json &finding) {
  const std::string &pattern = rule.pattern;
  bool isMatch = false;
  auto anyFrame = [&](const Json &frames) {
    isMatch = isMatch || anyFrameMatches(frames, pattern);
  };
  if (rule.type == "race_top") {
    // TSan's race_top looks at the innermost frame of each access only.
    forEachStackFrames(finding, [&](const Json &frames) {
      isMatch =
          isMatch || (!frames.empty() && frameMatches(frames[0], pattern));
    });
  } else if (rule.type == "race" || rule.type == "deadlock" ||
             rule.type == "mutex") {
    forEachStackFrames(finding, anyFrame);
    forEachCreationStack(finding, anyFrame);
    isMatch =
        isMatch || (rule.type == "race" && variableMatches(finding, pattern));
  } else if (rule.type == "thread") {
    // As in TSan, it suppresses a thread_leak by the leaked thread's
    // creation stack; for other kinds it matches the creation stacks of the
    // threads a finding involves.
    forEachCreationStack(finding, anyFrame);
  } else if (rule.type == "called_from_lib") {
    // Frames carry no module name, so a library is recognised by the path of
    // the innermost frame's file (or its `module`, should the runtime add
    // one): where the intercepted call was made.
    forEachStackFrames(finding, [&](const Json &frames) {
      isMatch =
          isMatch ||
          (!frames.empty() &&
           (matchesTsanPattern(pattern, stringField(frames[0], "file")) ||
            matchesTsanPattern(pattern, stringField(frames[0], "module"))));
    });
  } else if (rule.type == "src") {
    forEachStackFrames(finding, [&](const Json &frames) {
      for (const Json &frame : frames)
        isMatch =
            isMatch || matchesSourceGlob(pattern, stringField(frame, "file"));
    });
  }
  return isMatch;
}

} // namespace

bool matchesSourceGlob(std::string_view glob, std::string_view file) {
  if (file.empty())
    return false;
  std::string pattern(glob);
  std::string path = normalisedPath(file);
  if (fnmatch(pattern.c_str(), path.c_str(), 0) == 0)
    return true;
  if (pattern.starts_with('/'))
    return false;
  for (size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1))
    if (fnmatch(pattern.c_str(), path.c_str() + slash + 1, 0) == 0)
      return true;
  return false;
}

namespace {

// A line of a hostile file quoted in a message: short, printable, one line.
std::string quoted(std::string_view text) {
  std::string out;
  for (unsigned char c : text.substr(0, 60))
    out += c >= 0x20 && c < 0x7f ? std::string(1, char(c))
                                 : fmt::format("\\x{:02X}", c);
  if (text.size() > 60)
    out += "...";
  return out;
}

constexpr size_t kMaxSuppressionsBytes = size_t(16) << 20;

} // namespace

Suppressions Suppressions::parse(std::string_view text, std::string_view name) {
  if (text.size() > kMaxSuppressionsBytes)
    throw ToolError(fmt::format("{}: larger than {} MiB", name,
                                kMaxSuppressionsBytes >> 20));
  Suppressions result;
  std::istringstream lines{std::string(text)};
  size_t lineNumber = 0;
  for (std::string raw; std::getline(lines, raw);) {
    ++lineNumber;
    std::string_view line = trim(raw);
    if (line.empty() || line.starts_with('#'))
      continue;
    auto fail = [&](const std::string &detail) {
      throw ToolError(fmt::format("{}:{}: {}", name, lineNumber, detail));
    };
    size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      fail(fmt::format("expected TYPE:PATTERN, got '{}'", quoted(line)));
    std::string_view type = trim(line.substr(0, colon));
    std::string_view pattern = trim(line.substr(colon + 1));
    if (std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end())
      fail(fmt::format("unknown suppression type '{}' (expected race, "
                       "race_top, deadlock, mutex, thread, called_from_lib, "
                       "signal or src)",
                       quoted(type)));
    if (pattern.empty())
      fail(fmt::format("empty pattern after '{}:'", quoted(type)));
    result.allRules.push_back(
        {std::string(type), std::string(pattern), lineNumber});
  }
  return result;
}

Suppressions Suppressions::read(const std::filesystem::path &path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ToolError(fmt::format(
        "cannot read suppressions file {}: it is a directory", path.string()));
  if (auto size = std::filesystem::file_size(path, error);
      !error && size > kMaxSuppressionsBytes)
    throw ToolError(fmt::format("suppressions file {} is larger than {} MiB",
                                path.string(), kMaxSuppressionsBytes >> 20));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ToolError(
        fmt::format("cannot read suppressions file {}", path.string()));
  // Read to one byte past the limit, not to the end: a device or a pipe
  // (`--suppressions /dev/zero`) has no size to check first and no end.
  std::string text(kMaxSuppressionsBytes + 1, '\0');
  in.read(text.data(), std::streamsize(text.size()));
  text.resize(size_t(in.gcount()));
  if (text.size() > kMaxSuppressionsBytes)
    throw ToolError(fmt::format("suppressions file {} is larger than {} MiB",
                                path.string(), kMaxSuppressionsBytes >> 20));
  return parse(text, path.string());
}

const SuppressionRule *Suppressions::match(const Json &finding) const {
  std::string kind = stringField(finding, "kind");
  for (const SuppressionRule &rule : allRules)
    if (typeAppliesTo(rule.type, kind) && ruleMatches(rule, finding))
      return &rule;
  return nullptr;
}

const SuppressionRule *Suppressions::match(const Finding &finding) const {
  if (allRules.empty())
    return nullptr;
  return match(Json(finding));
}

} // namespace racegate

#include "SarifParts.h"

#include "Frames.h"
#include "JsonFields.h"

#include <fmt/core.h>

#include <cctype>
#include <vector>

namespace racegate {

std::string fileUri(std::string_view path) {
  std::string encoded;
  for (unsigned char c : normalisedPath(path)) {
    // Unreserved characters, '/', and the sub-delimiters common in paths
    // ("c++") stay readable; ':' is encoded because in a relative reference
    // it would start a scheme.
    if (std::isalnum(c) ||
        std::string_view("-._~/+@,=").find(char(c)) != std::string_view::npos)
      encoded += char(c);
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return path.starts_with('/') ? "file://" + encoded : encoded;
}

std::string escapeMessageText(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\\' || c == '[' || c == ']')
      escaped += '\\';
    escaped += c;
  }
  return escaped;
}

Json artifactLocation(const Text &file, const SourcePaths &paths) {
  if (auto relative = paths.relative(file.view()))
    return Json{{"uri", fileUri(*relative)}, {"uriBaseId", kSourceRootId}};
  // System headers are the same on every machine of a distribution; a
  // base id keeps their URIs relative too.
  std::string path = normalisedPath(file.view());
  if (path.starts_with("/usr/"))
    return Json{{"uri", fileUri(path.substr(5))},
                {"uriBaseId", kSystemRootId}};
  return Json{{"uri", fileUri(path)}};
}

Json sarifLocation(const Frame &frame, const SourcePaths &paths,
                   const std::string &message) {
  Json location = Json::object();
  if (!frame.file.empty()) {
    Json physical{{"artifactLocation", artifactLocation(frame.file, paths)}};
    // SARIF regions are 1-based; 0 means the runtime did not know.
    if (frame.line > 0) {
      Json region{{"startLine", frame.line}};
      if (frame.column > 0)
        region["startColumn"] = frame.column;
      physical["region"] = std::move(region);
    }
    location["physicalLocation"] = std::move(physical);
  }
  if (!frame.function.empty() && frame.function.view() != "??") {
    Json logical{{"fullyQualifiedName", frame.function.str()},
                 {"kind", "function"}};
    if (!frame.linkageName.empty())
      logical["decoratedName"] = frame.linkageName.str();
    location["logicalLocations"] = Json::array({std::move(logical)});
  }
  if (!message.empty())
    location["message"] = Json{{"text", message}};
  return location;
}

Json sarifStack(const Frames &frames, const SourcePaths &paths,
                const std::string &message,
                const std::optional<int64_t> &thread) {
  Json sarifFrames = Json::array();
  for (const Frame &frame : frames) {
    Json stackFrame{{"location", sarifLocation(frame, paths)}};
    if (thread)
      stackFrame["threadId"] = *thread;
    sarifFrames.push_back(std::move(stackFrame));
  }
  return Json{{"message", Json{{"text", message}}},
              {"frames", std::move(sarifFrames)}};
}

namespace {

// One step of a thread flow, before execution orders are assigned.
struct FlowStep {
  const Stack *stack;
  std::vector<std::string> kinds;
};

// The stack itself is in the result's `stacks`; a step names its place.
Json flowLocation(const FlowStep &step, long long executionOrder,
                  const SourcePaths &paths) {
  const Stack &stack = *step.stack;
  const Frame *frame = primaryFrame(stack.frames);
  std::string description = stack.description.str();
  return Json{{"location", frame ? sarifLocation(*frame, paths, description)
                                 : Json{{"message", {{"text", description}}}}},
              {"kinds", step.kinds},
              {"executionOrder", executionOrder}};
}

// Each thread's steps in order; `phase` of a step decides the global
// execution order: all phase-0 steps (of all threads) happen before all
// phase-1 steps, which is exactly the interleaving that deadlocks.
struct ThreadSteps {
  std::string thread;
  std::vector<std::pair<int, FlowStep>> steps;
};

Json buildCodeFlows(const std::vector<ThreadSteps> &threads,
                    const std::string &message, const SourcePaths &paths) {
  long long order = 0;
  std::vector<std::vector<long long>> orders;
  for (const ThreadSteps &thread : threads)
    orders.emplace_back(thread.steps.size());
  for (int phase = 0; phase < 2; ++phase)
    for (size_t t = 0; t < threads.size(); ++t)
      for (size_t s = 0; s < threads[t].steps.size(); ++s)
        if (threads[t].steps[s].first == phase)
          orders[t][s] = ++order;
  Json threadFlows = Json::array();
  for (size_t t = 0; t < threads.size(); ++t) {
    Json locations = Json::array();
    for (size_t s = 0; s < threads[t].steps.size(); ++s)
      locations.push_back(
          flowLocation(threads[t].steps[s].second, orders[t][s], paths));
    threadFlows.push_back(
        Json{{"id", "thread " + threads[t].thread},
             {"message", Json{{"text", "thread " + threads[t].thread}}},
             {"locations", std::move(locations)}});
  }
  return Json::array({Json{{"message", Json{{"text", message}}},
                           {"threadFlows", std::move(threadFlows)}}});
}

std::string threadText(const std::optional<int64_t> &thread) {
  return thread ? std::to_string(*thread) : "?";
}

std::string threadOf(const Json &object) {
  const Json *thread = findMember(object, "thread");
  return thread && !thread->is_null() ? scalarText(*thread) : "?";
}

// Race: stacks[0] is accesses[0] (the later one), stacks[1] the earlier.
Json raceFlows(const std::vector<Stack> &stacks, const Race &race,
               const SourcePaths &paths) {
  if (stacks.size() < 2 || race.accesses.size() < 2)
    return Json::array();
  std::vector<ThreadSteps> threads;
  for (size_t index : {size_t(1), size_t(0)}) {
    const Access &access = race.accesses[index];
    if (threadText(access.thread) != threadText(stacks[index].thread))
      return Json::array();
    std::vector<std::string> kinds{
        "memory", access.operation.empty() ? "access" : access.operation.str()};
    threads.push_back({threadText(access.thread),
                       {{index == 1 ? 0 : 1, {&stacks[index], kinds}}}});
  }
  return buildCodeFlows(threads, "the two unordered accesses", paths);
}

// Lock-order inversion: per cycle edge, stacks 2i (the request of the next
// lock) and 2i+1 (where the held lock was acquired).
Json inversionFlows(const std::vector<Stack> &stacks, const Json &cycle,
                    const SourcePaths &paths) {
  if (!cycle.is_array() || stacks.size() != 2 * cycle.size())
    return Json::array();
  std::vector<ThreadSteps> threads;
  for (size_t i = 0; i < cycle.size(); ++i) {
    std::string thread = threadOf(cycle[i]);
    if (threadText(stacks[2 * i].thread) != thread ||
        threadText(stacks[2 * i + 1].thread) != thread)
      return Json::array();
    threads.push_back({thread,
                       {{0, {&stacks[2 * i + 1], {"acquire", "lock"}}},
                        {1, {&stacks[2 * i], {"acquire", "lock", "danger"}}}}});
  }
  return buildCodeFlows(
      threads, "an interleaving of the cycle's edges that deadlocks", paths);
}

// Deadlock: stacks[0..N) are the N threads' waits, then the stacks of the
// locks they hold.
Json deadlockFlows(const std::vector<Stack> &stacks, const Json &deadlock,
                   const SourcePaths &paths) {
  const Json *waiters = findMember(deadlock, "threads");
  if (!waiters || !waiters->is_array() || stacks.size() < waiters->size())
    return Json::array();
  std::vector<ThreadSteps> threads;
  for (size_t i = 0; i < waiters->size(); ++i) {
    std::string thread = threadOf((*waiters)[i]);
    if (threadText(stacks[i].thread) != thread)
      return Json::array();
    ThreadSteps steps{thread, {}};
    for (size_t h = waiters->size(); h < stacks.size(); ++h)
      if (threadText(stacks[h].thread) == thread)
        steps.steps.push_back({0, {&stacks[h], {"acquire", "lock"}}});
    steps.steps.push_back({1, {&stacks[i], {"danger"}}});
    threads.push_back(std::move(steps));
  }
  return buildCodeFlows(threads, "the threads' acquisitions and their waits",
                        paths);
}

} // namespace

Json sarifCodeFlows(const Finding &finding, const SourcePaths &paths) {
  std::string_view kind = finding.kind.view();
  if (kind == "data_race" && finding.race)
    return raceFlows(finding.stacks, *finding.race, paths);
  if (const Json *cycle = findMember(finding.details, "cycle");
      cycle && (kind == "lock_order_inversion" ||
                kind == "lock_order_violation"))
    return inversionFlows(finding.stacks, *cycle, paths);
  if (const Json *deadlock = findMember(finding.details, "deadlock");
      deadlock && kind == "deadlock")
    return deadlockFlows(finding.stacks, *deadlock, paths);
  return Json::array();
}

} // namespace racegate

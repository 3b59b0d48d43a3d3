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

Json sarifLocation(const Json &frame, const std::string &message) {
  Json location = Json::object();
  std::string file = stringField(frame, "file");
  if (!file.empty()) {
    Json physical{{"artifactLocation", Json{{"uri", fileUri(file)}}}};
    // SARIF regions are 1-based; 0 means the runtime did not know.
    auto line = integerField(frame, "line").value_or(0);
    auto column = integerField(frame, "column").value_or(0);
    if (line > 0) {
      Json region{{"startLine", line}};
      if (column > 0)
        region["startColumn"] = column;
      physical["region"] = std::move(region);
    }
    location["physicalLocation"] = std::move(physical);
  }
  if (std::string function = stringField(frame, "function");
      !function.empty() && function != "??") {
    Json logical{{"fullyQualifiedName", function}, {"kind", "function"}};
    if (std::string linkage = stringField(frame, "linkage_name");
        !linkage.empty())
      logical["decoratedName"] = linkage;
    location["logicalLocations"] = Json::array({std::move(logical)});
  }
  if (!message.empty())
    location["message"] = Json{{"text", message}};
  return location;
}

Json sarifStack(const Json &frames, const std::string &message,
                const Json &thread) {
  Json sarifFrames = Json::array();
  if (frames.is_array())
    for (const Json &frame : frames) {
      Json stackFrame{{"location", sarifLocation(frame)}};
      if (thread.is_number_integer())
        stackFrame["threadId"] = thread;
      sarifFrames.push_back(std::move(stackFrame));
    }
  return Json{{"message", Json{{"text", message}}},
              {"frames", std::move(sarifFrames)}};
}

namespace {

// One step of a thread flow, before execution orders are assigned.
struct FlowStep {
  const Json *stack;
  std::vector<std::string> kinds;
};

Json flowLocation(const FlowStep &step, long long executionOrder) {
  const Json &stack = *step.stack;
  const Json *frames = findMember(stack, "frames");
  const Json *frame = primaryFrame(frames);
  std::string description = stringField(stack, "description");
  const Json *thread = findMember(stack, "thread");
  Json location{
      {"location", sarifLocation(frame ? *frame : Json::object(), description)},
      {"stack", sarifStack(frames ? *frames : Json::array(), description,
                           thread ? *thread : Json())},
      {"kinds", step.kinds},
      {"executionOrder", executionOrder}};
  return location;
}

// Each thread's steps in order; `phase` of a step decides the global
// execution order: all phase-0 steps (of all threads) happen before all
// phase-1 steps, which is exactly the interleaving that deadlocks.
struct ThreadSteps {
  std::string thread;
  std::vector<std::pair<int, FlowStep>> steps;
};

Json buildCodeFlows(const std::vector<ThreadSteps> &threads,
                    const std::string &message) {
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
          flowLocation(threads[t].steps[s].second, orders[t][s]));
    threadFlows.push_back(
        Json{{"id", "thread " + threads[t].thread},
             {"message", Json{{"text", "thread " + threads[t].thread}}},
             {"locations", std::move(locations)}});
  }
  return Json::array({Json{{"message", Json{{"text", message}}},
                           {"threadFlows", std::move(threadFlows)}}});
}

std::string threadOf(const Json &object) {
  const Json *thread = findMember(object, "thread");
  return thread && !thread->is_null() ? scalarText(*thread) : "?";
}

// Race: stacks[0] is accesses[0] (the later one), stacks[1] the earlier.
Json raceFlows(const Json &stacks, const Json &race) {
  const Json *accesses = findMember(race, "accesses");
  if (stacks.size() < 2 || !accesses || !accesses->is_array() ||
      accesses->size() < 2)
    return Json::array();
  std::vector<ThreadSteps> threads;
  for (size_t index : {size_t(1), size_t(0)}) {
    const Json &access = (*accesses)[index];
    if (threadOf(access) != threadOf(stacks[index]))
      return Json::array();
    std::vector<std::string> kinds{"memory",
                                   stringField(access, "operation", "access")};
    threads.push_back(
        {threadOf(access), {{index == 1 ? 0 : 1, {&stacks[index], kinds}}}});
  }
  return buildCodeFlows(threads, "the two unordered accesses");
}

// Lock-order inversion: per cycle edge, stacks 2i (the request of the next
// lock) and 2i+1 (where the held lock was acquired).
Json inversionFlows(const Json &stacks, const Json &cycle) {
  if (!cycle.is_array() || stacks.size() != 2 * cycle.size())
    return Json::array();
  std::vector<ThreadSteps> threads;
  for (size_t i = 0; i < cycle.size(); ++i) {
    std::string thread = threadOf(cycle[i]);
    if (threadOf(stacks[2 * i]) != thread ||
        threadOf(stacks[2 * i + 1]) != thread)
      return Json::array();
    threads.push_back({thread,
                       {{0, {&stacks[2 * i + 1], {"acquire", "lock"}}},
                        {1, {&stacks[2 * i], {"acquire", "lock", "danger"}}}}});
  }
  return buildCodeFlows(threads,
                        "an interleaving of the cycle's edges that deadlocks");
}

// Deadlock: stacks[0..N) are the N threads' waits, then the stacks of the
// locks they hold.
Json deadlockFlows(const Json &stacks, const Json &deadlock) {
  const Json *waiters = findMember(deadlock, "threads");
  if (!waiters || !waiters->is_array() || stacks.size() < waiters->size())
    return Json::array();
  std::vector<ThreadSteps> threads;
  for (size_t i = 0; i < waiters->size(); ++i) {
    std::string thread = threadOf((*waiters)[i]);
    if (threadOf(stacks[i]) != thread)
      return Json::array();
    ThreadSteps steps{thread, {}};
    for (size_t h = waiters->size(); h < stacks.size(); ++h)
      if (threadOf(stacks[h]) == thread)
        steps.steps.push_back({0, {&stacks[h], {"acquire", "lock"}}});
    steps.steps.push_back({1, {&stacks[i], {"danger"}}});
    threads.push_back(std::move(steps));
  }
  return buildCodeFlows(threads, "the threads' acquisitions and their waits");
}

} // namespace

Json sarifCodeFlows(const Json &finding) {
  const Json *stacks = findMember(finding, "stacks");
  if (!stacks || !stacks->is_array())
    return Json::array();
  std::string kind = stringField(finding, "kind");
  if (const Json *race = findMember(finding, "race");
      race && kind == "data_race")
    return raceFlows(*stacks, *race);
  if (const Json *cycle = findMember(finding, "cycle");
      cycle && kind == "lock_order_inversion")
    return inversionFlows(*stacks, *cycle);
  if (const Json *deadlock = findMember(finding, "deadlock");
      deadlock && kind == "deadlock")
    return deadlockFlows(*stacks, *deadlock);
  return Json::array();
}

} // namespace racegate

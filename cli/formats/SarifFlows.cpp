#include "SarifFlows.h"

#include "JsonFields.h"

namespace racegate {

namespace {

std::string threadText(const std::optional<int64_t> &thread) {
  return thread ? std::to_string(*thread) : "?";
}

std::string threadOf(const Json &object) {
  const Json *thread = findMember(object, "thread");
  return thread && !thread->is_null() ? scalarText(*thread) : "?";
}

// Race: stacks[0] is accesses[0] (the later one), stacks[1] the earlier.
std::optional<CodeFlow> raceFlow(const std::vector<Stack> &stacks,
                                 const Race &race) {
  if (stacks.size() < 2 || race.accesses.size() < 2)
    return std::nullopt;
  CodeFlow flow{"the two unordered accesses", {}};
  for (size_t index : {size_t(1), size_t(0)}) {
    const Access &access = race.accesses[index];
    if (threadText(access.thread) != threadText(stacks[index].thread))
      return std::nullopt;
    std::vector<std::string> kinds{
        "memory", access.operation.empty() ? "access" : access.operation.str()};
    flow.threads.push_back({threadText(access.thread),
                            {{index == 1 ? 0 : 1, {&stacks[index], kinds}}}});
  }
  return flow;
}

// Lock-order inversion: per cycle edge, stacks 2i (the request of the next
// lock) and 2i+1 (where the held lock was acquired).
std::optional<CodeFlow> inversionFlow(const std::vector<Stack> &stacks,
                                      const Json &cycle) {
  if (!cycle.is_array() || stacks.size() != 2 * cycle.size())
    return std::nullopt;
  CodeFlow flow{"an interleaving of the cycle's edges that deadlocks", {}};
  for (size_t i = 0; i < cycle.size(); ++i) {
    std::string thread = threadOf(cycle[i]);
    if (threadText(stacks[2 * i].thread) != thread ||
        threadText(stacks[2 * i + 1].thread) != thread)
      return std::nullopt;
    flow.threads.push_back(
        {thread,
         {{0, {&stacks[2 * i + 1], {"acquire", "lock"}}},
          {1, {&stacks[2 * i], {"acquire", "lock", "danger"}}}}});
  }
  return flow;
}

// Deadlock: stacks[0..N) are the N threads' waits, then the stacks of the
// locks they hold.
std::optional<CodeFlow> deadlockFlow(const std::vector<Stack> &stacks,
                                     const Json &deadlock) {
  const Json *waiters = findMember(deadlock, "threads");
  if (!waiters || !waiters->is_array() || stacks.size() < waiters->size())
    return std::nullopt;
  CodeFlow flow{"the threads' acquisitions and their waits", {}};
  for (size_t i = 0; i < waiters->size(); ++i) {
    std::string thread = threadOf((*waiters)[i]);
    if (threadText(stacks[i].thread) != thread)
      return std::nullopt;
    ThreadSteps steps{thread, {}};
    for (size_t h = waiters->size(); h < stacks.size(); ++h)
      if (threadText(stacks[h].thread) == thread)
        steps.steps.push_back({0, {&stacks[h], {"acquire", "lock"}}});
    steps.steps.push_back({1, {&stacks[i], {"danger"}}});
    flow.threads.push_back(std::move(steps));
  }
  return flow;
}

void writeMessage(JsonWriter &out, std::string_view text) {
  out.key("message");
  out.beginObject();
  out.member("text", text);
  out.endObject();
}

void writeStep(JsonWriter &out, const FlowStep &step, int64_t executionOrder,
               SarifLocations &locations) {
  const Stack &stack = *step.stack;
  const Frame *frame = primaryFrame(stack.frames);
  out.beginObject();
  out.key("location");
  if (frame) {
    locations.writeLocation(out, *frame, stack.description.view());
  } else {
    out.beginObject();
    writeMessage(out, stack.description.view());
    out.endObject();
  }
  out.key("kinds");
  out.beginArray();
  for (const std::string &kind : step.kinds)
    out.string(kind);
  out.endArray();
  out.member("executionOrder", executionOrder);
  out.endObject();
}

} // namespace

std::optional<CodeFlow> planCodeFlow(const Finding &finding) {
  std::string_view kind = finding.kind.view();
  if (kind == "data_race" && finding.race)
    return raceFlow(finding.stacks, *finding.race);
  bool lockCycle =
      kind == "lock_order_inversion" || kind == "lock_order_violation";
  if (!lockCycle && kind != "deadlock")
    return std::nullopt;
  Json details = finding.details.json();
  if (const Json *cycle = findMember(details, "cycle"); cycle && lockCycle)
    return inversionFlow(finding.stacks, *cycle);
  if (const Json *deadlock = findMember(details, "deadlock");
      deadlock && kind == "deadlock")
    return deadlockFlow(finding.stacks, *deadlock);
  return std::nullopt;
}

void writeCodeFlows(JsonWriter &out, const CodeFlow &flow,
                    SarifLocations &locations) {
  const std::vector<ThreadSteps> &threads = flow.threads;
  int64_t order = 0;
  std::vector<std::vector<int64_t>> orders;
  for (const ThreadSteps &thread : threads)
    orders.emplace_back(thread.steps.size());
  for (int phase = 0; phase < 2; ++phase)
    for (size_t t = 0; t < threads.size(); ++t)
      for (size_t s = 0; s < threads[t].steps.size(); ++s)
        if (threads[t].steps[s].first == phase)
          orders[t][s] = ++order;
  out.beginArray();
  out.beginObject();
  writeMessage(out, flow.message);
  out.key("threadFlows");
  out.beginArray();
  for (size_t t = 0; t < threads.size(); ++t) {
    out.beginObject();
    std::string name = "thread " + threads[t].thread;
    out.member("id", name);
    writeMessage(out, name);
    out.key("locations");
    out.beginArray();
    for (size_t s = 0; s < threads[t].steps.size(); ++s)
      writeStep(out, threads[t].steps[s].second, orders[t][s], locations);
    out.endArray();
    out.endObject();
  }
  out.endArray();
  out.endObject();
  out.endArray();
}

} // namespace racegate

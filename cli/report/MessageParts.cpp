#include "MessageParts.h"

#include "JsonFields.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace racegate {

std::string joinClauses(const std::vector<std::string> &clauses) {
  if (clauses.empty())
    return "";
  if (clauses.size() == 1)
    return clauses.front();
  std::span<const std::string> head(clauses.data(), clauses.size() - 1);
  return fmt::format("{} and {}", fmt::join(head, ", "), clauses.back());
}

std::string threadList(const std::vector<std::string> &ids) {
  if (ids.size() == 1)
    return "thread " + ids.front();
  return "threads " + joinClauses(ids);
}

std::optional<std::string> stackThread(const Json &finding, size_t index) {
  const Json *stacks = findMember(finding, "stacks");
  if (!stacks || !stacks->is_array() || index >= stacks->size())
    return std::nullopt;
  const Json *thread = findMember((*stacks)[index], "thread");
  if (!thread || thread->is_null())
    return std::nullopt;
  return scalarText(*thread);
}

std::string actingThread(const Json &finding) {
  auto thread = stackThread(finding, 0);
  return thread ? "thread " + *thread : "a thread";
}

std::string addressText(const Json *address) {
  return address && address->is_string() ? address->get<std::string>() : "?";
}

namespace {

// One thread's wait, reduced to what decides its wording, so that threads
// doing the same thing can be grouped.
struct WaitState {
  std::string kind;   // "lock", "join", ... from `waits_for`
  std::string object; // address
  std::string target; // join target or lock owner, "" when none
  bool isTimed = false;

  bool operator==(const WaitState &) const = default;
};

// Who holds each lock, read from the wait states' `holds` lists: the runtime
// gives `owner` only for a thread waiting for a lock it holds itself.
std::string ownerOf(const Json &waitStates, const std::string &lock) {
  for (const Json &state : waitStates) {
    const Json *holds = findMember(state, "holds");
    if (!holds || !holds->is_array())
      continue;
    for (const Json &held : *holds)
      if (held.is_string() && held.get<std::string>() == lock)
        if (const Json *thread = findMember(state, "thread"))
          return scalarText(*thread);
  }
  return "";
}

WaitState readWait(const Json &state, const Json &all) {
  WaitState wait;
  wait.kind = stringField(state, "waits_for", "none");
  wait.object = addressText(findMember(state, "object"));
  if (const Json *target = findMember(state, "join_target"))
    wait.target = scalarText(*target);
  else if (const Json *owner = findMember(state, "owner"))
    wait.target = scalarText(*owner);
  else if (wait.kind == "lock" || wait.kind == "read_lock")
    wait.target = ownerOf(all, wait.object);
  wait.isTimed = isTrueField(state, "timed");
  return wait;
}

// The predicate of a wait clause; `subject` is the thread (list) doing it.
std::string waitPredicate(const WaitState &wait,
                          const std::vector<std::string> &subject) {
  bool isPlural = subject.size() > 1;
  std::string waits = isPlural ? "wait" : "waits";
  std::string text;
  if (wait.kind == "join") {
    text = fmt::format("{} to join thread {}", waits, wait.target);
  } else if (wait.kind == "lock" || wait.kind == "read_lock") {
    text = fmt::format("{} for {}{}", waits,
                       wait.kind == "read_lock" ? "read lock " : "lock ",
                       wait.object);
    if (!wait.target.empty())
      text += !isPlural && wait.target == subject.front()
                  ? std::string(" that it already holds")
                  : " held by thread " + wait.target;
  } else if (wait.kind == "condition_variable") {
    text = fmt::format("{} on condition variable {}", waits, wait.object);
  } else if (wait.kind == "semaphore") {
    text = fmt::format("{} on semaphore {}", waits, wait.object);
  } else if (wait.kind == "barrier") {
    text = fmt::format("{} at barrier {}", waits, wait.object);
  } else if (wait.kind == "futex") {
    // What the runtime sees of std::latch, std::barrier,
    // std::counting_semaphore and std::atomic::wait.
    text = fmt::format("{} on futex word {}", waits, wait.object);
  } else if (wait.kind == "none") {
    return isPlural ? "are running" : "is running";
  } else {
    text = fmt::format("{} ({}) on {}", waits, wait.kind, wait.object);
  }
  if (wait.isTimed)
    text += " with a timeout";
  return text;
}

} // namespace

std::vector<std::string> waitClauses(const Json *waitStates) {
  std::vector<std::string> clauses;
  if (!waitStates || !waitStates->is_array())
    return clauses;
  std::vector<std::pair<WaitState, std::vector<std::string>>> groups;
  for (const Json &state : *waitStates) {
    WaitState wait = readWait(state, *waitStates);
    const Json *thread = findMember(state, "thread");
    std::string id = thread ? scalarText(*thread) : "?";
    // A thread waiting for its own lock keeps its own clause: "that it
    // already holds" cannot be shared.
    auto group = std::find_if(groups.begin(), groups.end(), [&](auto &entry) {
      return entry.first == wait && wait.target != id &&
             entry.first.target != entry.second.front();
    });
    if (group == groups.end())
      groups.push_back({wait, {id}});
    else
      group->second.push_back(id);
  }
  for (const auto &[wait, ids] : groups)
    clauses.push_back(threadList(ids) + " " + waitPredicate(wait, ids));
  return clauses;
}

} // namespace racegate

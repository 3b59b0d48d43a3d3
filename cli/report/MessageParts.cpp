#include "MessageParts.h"

#include "JsonFields.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <span>
#include <unordered_map>

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
};

// Who holds each lock, read from the wait states' `holds` lists (the first
// thread that lists it): the runtime gives `owner` only for a thread waiting
// for a lock it holds itself. Built once: a deadlock may have a wait state
// for each of thousands of threads.
std::unordered_map<std::string, std::string> lockOwners(const Json &waitStates) {
  std::unordered_map<std::string, std::string> owners;
  for (const Json &state : waitStates) {
    const Json *holds = findMember(state, "holds");
    const Json *thread = findMember(state, "thread");
    if (!holds || !holds->is_array() || !thread)
      continue;
    for (const Json &held : *holds)
      if (held.is_string())
        owners.try_emplace(held.get<std::string>(), scalarText(*thread));
  }
  return owners;
}

WaitState readWait(const Json &state,
                   const std::unordered_map<std::string, std::string> &owners) {
  WaitState wait;
  wait.kind = stringField(state, "waits_for", "none");
  wait.object = addressText(findMember(state, "object"));
  if (const Json *target = findMember(state, "join_target"))
    wait.target = scalarText(*target);
  else if (const Json *owner = findMember(state, "owner"))
    wait.target = scalarText(*owner);
  else if (wait.kind == "lock" || wait.kind == "read_lock")
    if (auto it = owners.find(wait.object); it != owners.end())
      wait.target = it->second;
  wait.isTimed = isTrueField(state, "timed");
  return wait;
}

std::string groupKey(const WaitState &wait) {
  return wait.kind + '\0' + wait.object + '\0' + wait.target + '\0' +
         (wait.isTimed ? "t" : "f");
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
  std::unordered_map<std::string, std::string> owners = lockOwners(*waitStates);
  std::vector<std::pair<WaitState, std::vector<std::string>>> groups;
  // The group that threads doing the same wait join, by groupKey.
  std::unordered_map<std::string, size_t> sharedGroups;
  for (const Json &state : *waitStates) {
    WaitState wait = readWait(state, owners);
    const Json *thread = findMember(state, "thread");
    std::string id = thread ? scalarText(*thread) : "?";
    // A thread waiting for its own lock keeps its own clause: "that it
    // already holds" cannot be shared.
    bool isShared = wait.target != id;
    std::string key = isShared ? groupKey(wait) : std::string();
    if (isShared) {
      if (auto it = sharedGroups.find(key); it != sharedGroups.end()) {
        groups[it->second].second.push_back(id);
        continue;
      }
      sharedGroups.emplace(std::move(key), groups.size());
    }
    groups.push_back({wait, {id}});
  }
  for (const auto &[wait, ids] : groups)
    clauses.push_back(threadList(ids) + " " + waitPredicate(wait, ids));
  return clauses;
}

} // namespace racegate

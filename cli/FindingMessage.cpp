#include "FindingMessage.h"

#include "JsonFields.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace racegate {

namespace {

// --- Shared pieces ---------------------------------------------------------

std::string objectKindName(const std::string &kind) {
  if (kind == "condvar")
    return "condition variable";
  return kind.empty() ? "lock" : kind;
}

// A synchronisation object: "mutex 'queue_lock'" or "mutex at 0x7f..".
std::string describeObject(const Json *object, const char *defaultKind) {
  if (!object || !object->is_object())
    return objectKindName(defaultKind);
  std::string kind = objectKindName(stringField(*object, "kind", defaultKind));
  if (std::string name = stringField(*object, "name"); !name.empty())
    return fmt::format("{} '{}'", kind, name);
  if (std::string address = stringField(*object, "address"); !address.empty())
    return fmt::format("{} at {}", kind, address);
  return kind;
}

std::string threadList(const std::vector<std::string> &ids) {
  if (ids.size() == 1)
    return "thread " + ids.front();
  return fmt::format("threads {}", fmt::join(ids, ", "));
}

std::vector<std::string> threadIds(const Json *array) {
  std::vector<std::string> ids;
  if (array && array->is_array())
    for (const Json &id : *array)
      ids.push_back(scalarText(id));
  return ids;
}

// Threads of the finding's stacks, for kinds whose own object is missing.
std::vector<std::string> stackThreadIds(const Json &finding) {
  std::vector<std::string> ids;
  const Json *stacks = findMember(finding, "stacks");
  if (!stacks || !stacks->is_array())
    return ids;
  for (const Json &stack : *stacks)
    if (const Json *thread = findMember(stack, "thread")) {
      std::string id = scalarText(*thread);
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
    }
  return ids;
}

std::string secondsText(const Json *seconds) {
  return seconds && seconds->is_number() ? scalarText(*seconds) + " s" : "";
}

// "data_race" -> "data race", with the threads involved when known.
std::string genericMessage(const Json &finding) {
  std::string text = stringField(finding, "kind", "finding");
  std::replace(text.begin(), text.end(), '_', ' ');
  if (auto ids = stackThreadIds(finding); !ids.empty())
    text += " in " + threadList(ids);
  return text;
}

// --- data_race -------------------------------------------------------------

std::string describeAccess(const Json &access, bool isPrevious) {
  std::string text = isPrevious ? "previous " : "";
  if (const Json *atomic = findMember(access, "atomic");
      atomic && atomic->is_boolean() && atomic->get<bool>())
    text += "atomic ";
  text += stringField(access, "operation", "access");
  if (const Json *size = findMember(access, "size"))
    text += " of size " + scalarText(*size);
  if (const Json *thread = findMember(access, "thread"))
    text += " by thread " + scalarText(*thread);
  return text;
}

std::string describeVariable(const Json *variable, const Json *accesses) {
  std::string kind = variable ? stringField(*variable, "kind") : "";
  auto offset = variable ? integerField(*variable, "offset") : std::nullopt;
  if (kind == "global") {
    std::string text =
        fmt::format("'{}' (global)", stringField(*variable, "name", "?"));
    // Only non-zero offsets are interesting: they point into an array or
    // struct, and the plain name would hide which part raced.
    if (offset && *offset != 0)
      text += fmt::format(" at offset {}", *offset);
    return text;
  }
  if (kind == "heap") {
    const Json *size = findMember(*variable, "size");
    return fmt::format("heap block of {} bytes at offset {}",
                       size ? scalarText(*size) : "?", offset.value_or(0));
  }
  if (kind == "stack") {
    const Json *thread = findMember(*variable, "thread");
    return "stack variable of thread " + (thread ? scalarText(*thread) : "?");
  }
  std::string address = variable ? stringField(*variable, "address") : "";
  if (address.empty() && accesses && accesses->is_array() && !accesses->empty())
    address = stringField((*accesses)[0], "address");
  return "address " + (address.empty() ? "?" : address);
}

std::string describeDataRace(const Json &finding) {
  const Json *race = findMember(finding, "race");
  if (!race)
    return genericMessage(finding);
  const Json *accesses = findMember(*race, "accesses");
  std::string text = "data race on " +
                     describeVariable(findMember(*race, "variable"), accesses);
  if (accesses && accesses->is_array() && accesses->size() >= 2)
    text += ": " + describeAccess((*accesses)[0], false) + " vs " +
            describeAccess((*accesses)[1], true);
  return text;
}

// --- lock cycles -------------------------------------------------------------

struct CycleEdge {
  std::string thread;
  std::string from;
  std::string to;
};

// Reads cycle.edges, resolving the lock indices into descriptions.
std::vector<CycleEdge> cycleEdges(const Json &cycle) {
  std::vector<CycleEdge> edges;
  const Json *locks = findMember(cycle, "locks");
  const Json *rawEdges = findMember(cycle, "edges");
  if (!locks || !locks->is_array() || !rawEdges || !rawEdges->is_array())
    return edges;
  auto lockAt = [&](const Json &edge, const char *key) -> std::string {
    auto index = integerField(edge, key);
    if (!index || *index < 0 || size_t(*index) >= locks->size())
      return "an unknown lock";
    return describeObject(&(*locks)[size_t(*index)], "mutex");
  };
  for (const Json &edge : *rawEdges) {
    const Json *thread = findMember(edge, "thread");
    edges.push_back({thread ? scalarText(*thread) : "?", lockAt(edge, "from"),
                     lockAt(edge, "to")});
  }
  return edges;
}

std::string describeLockOrderInversion(const Json &finding) {
  const Json *cycle = findMember(finding, "cycle");
  const Json *locks = cycle ? findMember(*cycle, "locks") : nullptr;
  if (!locks || !locks->is_array() || locks->empty())
    return "lock order inversion (potential deadlock)";
  std::vector<std::string> names;
  for (const Json &lock : *locks)
    names.push_back(describeObject(&lock, "mutex"));
  names.push_back(names.front()); // close the cycle for the reader
  return fmt::format("lock order inversion (potential deadlock): {}",
                     fmt::join(names, " -> "));
}

std::string describeDeadlock(const Json &finding) {
  const Json *cycle = findMember(finding, "cycle");
  std::vector<CycleEdge> edges =
      cycle ? cycleEdges(*cycle) : std::vector<CycleEdge>{};
  if (edges.empty()) {
    auto ids = stackThreadIds(finding);
    return ids.empty()
               ? "deadlock"
               : "deadlock: " + threadList(ids) + " wait for each other";
  }
  std::vector<std::string> parts;
  for (const CycleEdge &edge : edges)
    parts.push_back(fmt::format("thread {} holds {} and waits for {}",
                                edge.thread, edge.from, edge.to));
  return fmt::format("deadlock: {}", fmt::join(parts, ", "));
}

// --- blocked threads ---------------------------------------------------------

std::string describeBlocked(const Json &finding, const std::string &kind) {
  const Json *blocked = findMember(finding, "blocked");
  if (!blocked)
    return genericMessage(finding);
  auto ids = threadIds(findMember(*blocked, "threads"));
  std::string who = ids.empty() ? "a thread" : threadList(ids);
  const Json *object = findMember(*blocked, "object");
  std::string what = object ? describeObject(object, "lock") : "";
  std::string duration = secondsText(findMember(*blocked, "seconds"));

  std::string text;
  if (kind == "stall") {
    text = "stall: " + who + " made no progress";
    if (!duration.empty())
      text += " for " + duration;
    if (!what.empty())
      text += " while waiting on " + what;
  } else if (kind == "starvation") {
    text = "starvation: " + who + " waited";
    if (!duration.empty())
      text += " " + duration;
    text += " for " + (what.empty() ? std::string("a lock") : what) +
            " while other threads kept acquiring it";
  } else { // livelock
    text = "livelock: " + who + " kept retrying";
    if (!what.empty())
      text += " " + what;
    if (!duration.empty())
      text += " for " + duration;
    text += " without progress";
  }
  return text;
}

// --- API misuse --------------------------------------------------------------

std::string describeMisuse(const Json &finding, const std::string &kind) {
  const Json *misuse = findMember(finding, "misuse");
  if (!misuse)
    return genericMessage(finding);
  const Json *threadValue = findMember(*misuse, "thread");
  std::string thread =
      threadValue ? "thread " + scalarText(*threadValue) : "a thread";
  const Json *ownerValue = findMember(*misuse, "owner");
  std::string owner = ownerValue && !ownerValue->is_null()
                          ? "thread " + scalarText(*ownerValue)
                          : "";
  const Json *object = findMember(*misuse, "object");

  if (kind == "unlock_not_owned")
    return fmt::format(
        "{} unlocks {} {}", thread, describeObject(object, "mutex"),
        owner.empty() ? "which it does not hold" : "owned by " + owner);
  if (kind == "double_unlock")
    return fmt::format("double unlock: {} unlocks {} which is not locked",
                       thread, describeObject(object, "mutex"));
  if (kind == "destroy_locked")
    return fmt::format("{} destroys {} while it is locked{}", thread,
                       describeObject(object, "mutex"),
                       owner.empty() ? "" : " by " + owner);
  if (kind == "lock_leak")
    return fmt::format("lock leak: {} ended still holding {}", thread,
                       describeObject(object, "mutex"));
  if (kind == "semaphore_overflow")
    return fmt::format("{} posts {} beyond its maximum value", thread,
                       describeObject(object, "semaphore"));
  if (kind == "condvar_wait_unlocked") {
    const Json *mutex = findMember(*misuse, "mutex");
    return fmt::format("{} waits on {} without holding {}", thread,
                       describeObject(object, "condvar"),
                       mutex ? describeObject(mutex, "mutex")
                             : std::string("its mutex"));
  }
  // condvar_multiple_mutexes
  std::vector<std::string> mutexes;
  if (const Json *list = findMember(*misuse, "mutexes");
      list && list->is_array())
    for (const Json &mutex : *list)
      mutexes.push_back(describeObject(&mutex, "mutex"));
  std::string text = fmt::format("{} is used with different mutexes",
                                 describeObject(object, "condvar"));
  if (!mutexes.empty())
    text += fmt::format(": {}", fmt::join(mutexes, " and "));
  return text;
}

// --- timeout -----------------------------------------------------------------

std::string describeTimeout(const Json &finding) {
  const Json *timeout = findMember(finding, "timeout");
  std::string duration =
      timeout ? secondsText(findMember(*timeout, "seconds")) : "";
  return duration.empty() ? "the program outran its timeout"
                          : "the program outran the " + duration + " timeout";
}

} // namespace

std::string describeFinding(const Json &finding) {
  std::string kind = stringField(finding, "kind");
  if (kind == "data_race")
    return describeDataRace(finding);
  if (kind == "lock_order_inversion")
    return describeLockOrderInversion(finding);
  if (kind == "deadlock")
    return describeDeadlock(finding);
  if (kind == "stall" || kind == "starvation" || kind == "livelock")
    return describeBlocked(finding, kind);
  if (kind == "unlock_not_owned" || kind == "double_unlock" ||
      kind == "destroy_locked" || kind == "lock_leak" ||
      kind == "semaphore_overflow" || kind == "condvar_wait_unlocked" ||
      kind == "condvar_multiple_mutexes")
    return describeMisuse(finding, kind);
  if (kind == "timeout")
    return describeTimeout(finding);
  return genericMessage(finding);
}

} // namespace racegate

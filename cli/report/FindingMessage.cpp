#include "FindingMessage.h"

#include "JsonFields.h"
#include "MessageParts.h"

#include <fmt/core.h>

#include <algorithm>
#include <vector>

namespace racegate {

namespace {

// "data_race" -> "data race", with the acting thread when known.
std::string genericMessage(const Json &finding) {
  std::string text = stringField(finding, "kind", "finding");
  std::replace(text.begin(), text.end(), '_', ' ');
  if (auto thread = stackThread(finding, 0))
    text += " in thread " + *thread;
  return text;
}

// --- data_race -------------------------------------------------------------

std::string describeLocksHeld(const Json &access) {
  const Json *locks = findMember(access, "locks_held");
  if (!locks || !locks->is_array() || locks->empty())
    return "";
  std::vector<std::string> addresses;
  for (const Json &lock : *locks)
    addresses.push_back(addressText(findMember(lock, "address")));
  return fmt::format(" holding {} {}", addresses.size() == 1 ? "lock" : "locks",
                     joinClauses(addresses));
}

std::string describeAccess(const Json &access, bool isPrevious) {
  std::string text = isPrevious ? "previous " : "";
  if (isTrueField(access, "atomic"))
    text += "atomic ";
  text += stringField(access, "operation", "access");
  if (const Json *size = findMember(access, "size"))
    text += " of size " + scalarText(*size);
  if (const Json *thread = findMember(access, "thread"))
    text += " by thread " + scalarText(*thread);
  // Which side held a lock is the first clue to the missing critical
  // section; the runtime knows it for the revealing access only.
  return text + describeLocksHeld(access);
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
    std::string text =
        "stack variable of thread " + (thread ? scalarText(*thread) : "?");
    // The function whose frame holds it, when the runtime could tell.
    if (const Json *frame = findMember(*variable, "frame"))
      if (std::string function = stringField(*frame, "function");
          !function.empty())
        text += " in " + function;
    return text;
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

// --- lock_order_inversion ----------------------------------------------------

struct CycleEdge {
  std::string thread;
  std::string holds;
  std::string requests;
};

std::string lockWithMode(const Json &edge, const char *address,
                         const char *exclusive) {
  std::string text = addressText(findMember(edge, address));
  const Json *mode = findMember(edge, exclusive);
  if (mode && mode->is_boolean() && !mode->get<bool>())
    text += " (shared)";
  return text;
}

// Why a lock_order_violation cannot deadlock in the run it was seen in.
std::string violationReason(const Json &finding) {
  const Json *violation = findMember(finding, "violation");
  std::string reason = violation ? stringField(*violation, "reason") : "";
  if (reason == "single_thread")
    return "one thread takes both orders, so it cannot deadlock here, but "
           "two threads running this code could";
  if (reason == "gate_lock") {
    std::string gate = addressText(findMember(*violation, "gate"));
    return "lock " + gate +
           " is held around both, so they cannot deadlock while every path "
           "takes it";
  }
  if (reason == "ordered")
    return "the critical sections are ordered by thread joins, barriers, "
           "latches or semaphores, so they cannot deadlock while that order "
           "holds";
  return "it cannot deadlock in this run";
}

std::string describeLockOrderInversion(const Json &finding) {
  const Json *cycle = findMember(finding, "cycle");
  bool violation = stringField(finding, "kind") == "lock_order_violation";
  std::string name = violation ? "lock-order violation" : "lock-order inversion";
  std::string suffix = violation ? " (" + violationReason(finding) + ")" : "";
  const Json *why = findMember(finding, "violation");
  bool oneThread = why && stringField(*why, "reason") == "single_thread";
  if (!cycle || !cycle->is_array() || cycle->empty())
    return violation ? name + suffix
                     : "lock-order inversion (potential deadlock)";
  std::vector<CycleEdge> edges;
  for (const Json &edge : *cycle) {
    const Json *thread = findMember(edge, "thread");
    edges.push_back({thread ? scalarText(*thread) : "?",
                     lockWithMode(edge, "holds", "holds_exclusive"),
                     lockWithMode(edge, "requests", "requests_exclusive")});
  }
  // The classic two-lock case reads best as "A then B, the other the
  // reverse"; longer cycles spell out every thread's order.
  if (edges.size() == 2 && edges[0].holds == edges[1].requests &&
      edges[0].requests == edges[1].holds)
    return fmt::format(
        "{}: thread {} takes {} then {}, {} the reverse{}", name,
        edges[0].thread, edges[0].holds, edges[0].requests,
        edges[1].thread == edges[0].thread && oneThread ? "later"
            : "thread " + edges[1].thread,
        suffix);
  std::vector<std::string> clauses;
  for (const CycleEdge &edge : edges)
    clauses.push_back(fmt::format("thread {} takes {} then {}", edge.thread,
                                  edge.holds, edge.requests));
  return name + ": " + joinClauses(clauses) + suffix;
}

// --- API misuse --------------------------------------------------------------

std::string describeMisuse(const Json &finding, const std::string &kind) {
  const Json *misuse = findMember(finding, "misuse");
  if (!misuse)
    return genericMessage(finding);
  std::string thread = actingThread(finding);
  std::string object = addressText(findMember(*misuse, "object"));
  const Json *ownerValue = findMember(*misuse, "owner");
  std::string owner = ownerValue && !ownerValue->is_null()
                          ? "thread " + scalarText(*ownerValue)
                          : "";

  if (kind == "unlock_not_owned")
    return fmt::format("{} unlocks lock {} {}", thread, object,
                       owner.empty() ? std::string("which it does not hold")
                                     : "held by " + owner);
  if (kind == "double_unlock")
    return fmt::format("double unlock: {} unlocks lock {} which is not locked",
                       thread, object);
  if (kind == "destroy_locked")
    return fmt::format("{} destroys lock {} while it is locked{}", thread,
                       object, owner.empty() ? "" : " by " + owner);
  if (kind == "lock_leak")
    return fmt::format("lock leak: {} ended while holding lock {}", thread,
                       object);
  if (kind == "semaphore_overflow")
    return fmt::format("{} releases semaphore {} beyond its maximum value",
                       thread, object);
  if (kind == "condvar_wait_unlocked")
    return fmt::format(
        "{} waits on condition variable {} without holding its mutex", thread,
        object);
  std::string call = stringField(*misuse, "call");
  if (kind == "thread_leak")
    return fmt::format("thread leak: {} ended but was never joined or "
                       "detached",
                       thread);
  if (kind == "invalid_thread_op")
    return fmt::format("{} calls {} on thread {}, which was already joined "
                       "or detached",
                       thread, call.empty() ? "pthread_join" : call, object);
  const Json *waitersValue = findMember(*misuse, "waiters");
  std::string waiters =
      waitersValue && waitersValue->is_number_integer()
          ? fmt::format("{} {}", scalarText(*waitersValue),
                        waitersValue->get<int64_t>() == 1 ? "thread waits"
                                                          : "threads wait")
          : "";
  if (kind == "sync_reinit") {
    if (call == "sem_init")
      return fmt::format("{} initializes semaphore {} again while {} on it",
                         thread, object,
                         waiters.empty() ? "threads wait" : waiters);
    if (call == "pthread_cond_init")
      return fmt::format(
          "{} initializes condition variable {} again while {} on it", thread,
          object, waiters.empty() ? "threads wait" : waiters);
    return fmt::format("{} initializes lock {} again while it is locked{}",
                       thread, object, owner.empty() ? "" : " by " + owner);
  }
  if (kind == "barrier_misuse") {
    if (!waiters.empty())
      return fmt::format("{} {} barrier {} while {} at it", thread,
                         call == "pthread_barrier_init" ? "initializes again"
                                                        : "destroys",
                         object, waiters);
    return fmt::format("{} misuses barrier {}: a count of 0", thread, object);
  }
  if (kind == "lock_destroyed") {
    bool never = stringField(*misuse, "state") == "uninitialized";
    return fmt::format("{} calls {} on {}, which {}", thread,
                       call.empty() ? "a synchronization function" : call,
                       object, never ? "was never initialized" : "was destroyed");
  }
  if (kind == "condvar_destroy_busy")
    return fmt::format("{} destroys condition variable {} while {} on it",
                       thread, object,
                       waiters.empty() ? "threads wait" : waiters);
  if (kind == "sync_call_failed") {
    std::string error = stringField(*misuse, "error");
    return fmt::format("{} calls {} on {}, which fails with {}", thread,
                       call.empty() ? "a synchronization function" : call,
                       object, error.empty() ? "an error" : error);
  }
  return fmt::format("{} waits on condition variable {} with a different "
                     "mutex than earlier waits used",
                     thread, object);
}

bool isMisuseKind(const std::string &kind) {
  return kind == "unlock_not_owned" || kind == "double_unlock" ||
         kind == "destroy_locked" || kind == "lock_leak" ||
         kind == "semaphore_overflow" || kind == "condvar_wait_unlocked" ||
         kind == "condvar_multiple_mutexes" || kind == "thread_leak" ||
         kind == "invalid_thread_op" || kind == "barrier_misuse" ||
         kind == "sync_reinit" || kind == "sync_call_failed" ||
         kind == "lock_destroyed" || kind == "condvar_destroy_busy";
}

} // namespace

std::string describeFinding(const Json &finding) {
  std::string kind = stringField(finding, "kind");
  if (kind == "data_race")
    return describeDataRace(finding);
  if (kind == "lock_order_inversion" || kind == "lock_order_violation")
    return describeLockOrderInversion(finding);
  if (kind == "deadlock")
    return describeDeadlock(finding);
  if (kind == "stall")
    return describeStall(finding);
  if (kind == "starvation")
    return describeStarvation(finding);
  if (kind == "livelock")
    return describeLivelock(finding);
  if (isMisuseKind(kind))
    return describeMisuse(finding, kind);
  if (kind == "timeout")
    return describeTimeout(finding);
  return genericMessage(finding);
}

} // namespace racegate

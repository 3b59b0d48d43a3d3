// Messages of the kinds the runtime's watchdog reports: threads that wait
// for each other (deadlock), wait for something that will never come
// (stall), wait while others keep winning (starvation), or keep retrying
// (livelock), and programs that outran their time (timeout).

#include "FindingMessage.h"

#include "JsonFields.h"
#include "MessageParts.h"

#include <fmt/core.h>

#include <unordered_set>
#include <vector>

namespace racegate {

namespace {

// For a record without its kind's object: the kind and the threads of its
// stacks, which every record has.
std::string withStackThreads(const Json &finding, const std::string &label) {
  std::vector<std::string> ids;
  // A set beside the list: a finding may have a stack for each of
  // thousands of threads, and a search of the list was quadratic in them.
  std::unordered_set<std::string> seen;
  const Json *stacks = findMember(finding, "stacks");
  for (size_t index = 0; stacks && stacks->is_array() && index < stacks->size();
       ++index)
    if (auto id = stackThread(finding, index); id && seen.insert(*id).second)
      ids.push_back(*id);
  return ids.empty() ? label : label + " in " + threadList(ids);
}

std::string textOfCount(const Json *value) {
  return value ? scalarText(*value) : "?";
}

} // namespace

std::string describeDeadlock(const Json &finding) {
  const Json *deadlock = findMember(finding, "deadlock");
  auto clauses = deadlock ? waitClauses(findMember(*deadlock, "threads"))
                          : std::vector<std::string>{};
  if (clauses.empty())
    return withStackThreads(finding, "deadlock");
  return "deadlock: " + joinClauses(clauses);
}

std::string describeStall(const Json &finding) {
  const Json *stall = findMember(finding, "stall");
  auto clauses = stall ? waitClauses(findMember(*stall, "threads"))
                       : std::vector<std::string>{};
  if (clauses.empty())
    return withStackThreads(finding, "stall");
  std::string text =
      "stall: no thread can make progress: " + joinClauses(clauses);
  // The two diagnoses the runtime makes explain *why* the wait never ends.
  if (isTrueField(*stall, "lost_wakeup"))
    text += "; a wakeup was lost (the condition variable was notified while "
            "nobody was waiting)";
  if (const Json *barriers = findMember(*stall, "barriers");
      barriers && barriers->is_array())
    for (const Json &barrier : *barriers)
      text += fmt::format("; barrier {}: {} of {} parties arrived",
                          addressText(findMember(barrier, "object")),
                          textOfCount(findMember(barrier, "arrived")),
                          textOfCount(findMember(barrier, "parties")));
  if (const Json *latches = findMember(*stall, "latches");
      latches && latches->is_array())
    for (const Json &latch : *latches)
      text += fmt::format("; latch {} still expects {} count_down() calls",
                          addressText(findMember(latch, "object")),
                          textOfCount(findMember(latch, "remaining")));
  return text;
}

std::string describeStarvation(const Json &finding) {
  const Json *starvation = findMember(finding, "starvation");
  if (!starvation)
    return withStackThreads(finding, "starvation");
  bool isRead = isTrueField(*starvation, "read_lock");
  std::string text = fmt::format(
      "starvation: thread {} waited {} ms for {} {} while other threads took "
      "it {} times",
      textOfCount(findMember(*starvation, "thread")),
      textOfCount(findMember(*starvation, "waited_ms")),
      isRead ? "read lock" : "lock",
      addressText(findMember(*starvation, "lock")),
      textOfCount(findMember(*starvation, "acquisitions_meanwhile")));
  std::vector<std::string> shares;
  if (const Json *byThread = findMember(*starvation, "acquisitions_by_thread");
      byThread && byThread->is_array())
    for (const Json &entry : *byThread)
      shares.push_back(fmt::format("thread {}: {}",
                                   textOfCount(findMember(entry, "thread")),
                                   textOfCount(findMember(entry, "count"))));
  if (!shares.empty())
    text += " (" + joinClauses(shares) + ")";
  return text;
}

std::string describeLivelock(const Json &finding) {
  const Json *livelock = findMember(finding, "livelock");
  const Json *threads = livelock ? findMember(*livelock, "threads") : nullptr;
  if (!threads || !threads->is_array() || threads->empty())
    return withStackThreads(finding, "livelock");
  std::vector<std::string> clauses;
  for (const Json &entry : *threads)
    clauses.push_back(
        fmt::format("thread {} failed {} try-locks in a row",
                    textOfCount(findMember(entry, "thread")),
                    textOfCount(findMember(entry, "failed_try_locks"))));
  return "livelock: " + joinClauses(clauses) +
         ", so none of them makes progress";
}

std::string describeTimeout(const Json &finding) {
  const Json *timeout = findMember(finding, "timeout");
  const Json *seconds = timeout ? findMember(*timeout, "seconds") : nullptr;
  std::string text = seconds && seconds->is_number()
                         ? fmt::format("timeout: the program was still "
                                       "running after {} s",
                                       scalarText(*seconds))
                         : std::string("timeout: the program outran its "
                                       "time limit");
  if (timeout)
    if (auto clauses = waitClauses(findMember(*timeout, "threads"));
        !clauses.empty())
      text += ": " + joinClauses(clauses);
  return text;
}

} // namespace racegate

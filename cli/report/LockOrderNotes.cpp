#include "LockOrderNotes.h"

#include "JsonFields.h"

#include <algorithm>
#include <set>
#include <string>

namespace racegate {

namespace {

using Key = std::set<std::string>;

Key placesOf(const Finding &finding) {
  Key places;
  for (const Stack &stack : finding.stacks)
    if (const Frame *frame = primaryFrame(stack.frames))
      places.insert(frame->file.str() + ":" + std::to_string(frame->line));
  return places;
}

Key locksOf(const Finding &finding) {
  Key locks;
  Json details = finding.details.json();
  const Json *cycle = findMember(details, "cycle");
  if (!cycle || !cycle->is_array())
    return locks;
  for (const Json &edge : *cycle)
    for (const char *name : {"holds", "requests"})
      if (const Json *lock = findMember(edge, name); lock && lock->is_string())
        locks.insert(lock->get<std::string>());
  return locks;
}

} // namespace

void dropSupersededLockOrderNotes(Findings &findings) {
  // Sets rather than lists: a merged report may hold tens of thousands of
  // inversions and violations, and comparing each violation with every
  // inversion made this quadratic.
  std::set<Key> places, locks;
  for (const Finding &finding : findings)
    if (finding.kind.view() == "lock_order_inversion") {
      places.insert(placesOf(finding));
      locks.insert(locksOf(finding));
    }
  if (places.empty())
    return;
  auto superseded = [&](const Finding &finding) {
    if (finding.kind.view() != "lock_order_violation")
      return false;
    Key myPlaces = placesOf(finding);
    if (!myPlaces.empty() && places.count(myPlaces))
      return true;
    Key myLocks = locksOf(finding);
    return !myLocks.empty() && locks.count(myLocks);
  };
  findings.erase(std::remove_if(findings.begin(), findings.end(), superseded),
                 findings.end());
}

} // namespace racegate

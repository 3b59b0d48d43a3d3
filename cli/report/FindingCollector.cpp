#include "FindingCollector.h"

#include "Diagnostics.h"
#include "FindingMessage.h"

#include <fmt/core.h>

namespace racegate {

namespace {

Json threadJson(const std::optional<int64_t> &thread) {
  return thread ? Json(*thread) : Json(nullptr);
}

// What describeFinding reads: kinds, threads, the kind's object; no stacks'
// frames, which are most of a finding and would be built for nothing.
Json messageJson(const Finding &finding) {
  Json json{{"kind", finding.kind.str()}};
  Json stacks = Json::array();
  for (const Stack &stack : finding.stacks)
    stacks.push_back(Json{{"thread", threadJson(stack.thread)},
                          {"description", stack.description.str()},
                          {"frames", Json::array()}});
  json["stacks"] = std::move(stacks);
  if (finding.race) {
    Json accesses = Json::array();
    for (const Access &access : finding.race->accesses) {
      Access light = access;
      for (HeldLock &lock : light.locksHeld)
        lock.acquiredAt.clear();
      accesses.push_back(Json(light));
    }
    Json race{{"accesses", std::move(accesses)}};
    if (finding.race->variable) {
      Variable light = *finding.race->variable;
      light.allocationStack.reset();
      race["variable"] = Json(light);
    }
    json["race"] = std::move(race);
  }
  Json details = finding.details.json();
  for (auto it = details.begin(); it != details.end(); ++it)
    json[it.key()] = it.value();
  return json;
}

} // namespace

void FindingCollector::add(Finding finding) {
  if (auto it = indexByFingerprint.find(finding.fingerprint);
      it != indexByFingerprint.end()) {
    Finding &first = all[it->second];
    first.count += finding.count;
    first.baseline = first.baseline || finding.baseline;
    return;
  }
  if (all.size() == kMaxFindings)
    throw ToolError(fmt::format(
        "more than {} distinct findings; refusing to hold more", kMaxFindings));
  if (finding.message.empty())
    finding.message = describeFinding(messageJson(finding));
  all.push_back(std::move(finding));
  // The key is the stored finding's own fingerprint: a deque's elements
  // never move.
  indexByFingerprint.emplace(all.back().fingerprint, all.size() - 1);
}

bool FindingCollector::hasKind(std::string_view kind) const {
  for (const Finding &finding : all)
    if (finding.kind.view() == kind)
      return true;
  return false;
}

Findings FindingCollector::take() {
  indexByFingerprint.clear();
  return std::move(all);
}

} // namespace racegate

#include "FindingCollector.h"

#include "Diagnostics.h"
#include "FindingMessage.h"
#include "Hash.h"

#include <fmt/core.h>

#include <algorithm>

namespace racegate {

namespace {

Json threadJson(const std::optional<int64_t> &thread) {
  return thread ? Json(*thread) : Json(nullptr);
}

// `access` without the stacks of its locks, which describeFinding does not
// read and a plain copy would duplicate.
Access withoutLockStacks(const Access &access) {
  Access light{.thread = access.thread,
               .operation = access.operation,
               .size = access.size,
               .atomic = access.atomic,
               .address = access.address,
               .locksHeld = {}};
  for (const HeldLock &lock : access.locksHeld)
    light.locksHeld.push_back({.address = lock.address,
                               .exclusive = lock.exclusive,
                               .acquiredAt = {}});
  return light;
}

// What describeFinding reads: the kind, the threads of the stacks, the race
// and the kind's object; no frames, which are most of a finding and would
// be built for nothing. The tree starts as the kind's object, which has to
// be parsed anyway, so that its members are not copied into a second one
// (its keys never are `kind`, `stacks` or `race`: the reader keeps those in
// the model).
Json messageJson(const Finding &finding) {
  Json json = finding.details.json();
  json["kind"] = finding.kind.str();
  Json stacks = Json::array();
  for (const Stack &stack : finding.stacks)
    stacks.push_back(Json{{"thread", threadJson(stack.thread)}});
  json["stacks"] = std::move(stacks);
  if (finding.race) {
    Json accesses = Json::array();
    for (const Access &access : finding.race->accesses)
      accesses.push_back(Json(withoutLockStacks(access)));
    Json race{{"accesses", std::move(accesses)}};
    if (const std::optional<Variable> &variable = finding.race->variable) {
      Variable light{.kind = variable->kind,
                     .name = variable->name,
                     .address = variable->address,
                     .size = variable->size,
                     .offset = variable->offset,
                     .file = variable->file,
                     .line = variable->line,
                     .thread = variable->thread,
                     .allocationStack = std::nullopt,
                     .frame = variable->frame};
      race["variable"] = Json(light);
    }
    json["race"] = std::move(race);
  }
  return json;
}

} // namespace

Finding *FindingCollector::find(std::string_view fingerprint, uint64_t hash) {
  if (slots.empty())
    return nullptr;
  size_t mask = slots.size() - 1;
  for (size_t i = hash & mask; slots[i].position; i = (i + 1) & mask) {
    Finding &held = all[slots[i].position - 1];
    if (slots[i].hash == hash && held.fingerprint == fingerprint)
      return &held;
  }
  return nullptr;
}

void FindingCollector::index(uint64_t hash, size_t position) {
  if ((all.size() + 1) * 2 > slots.size()) {
    std::vector<Slot> old(std::max<size_t>(1024, slots.size() * 2));
    old.swap(slots);
    for (const Slot &slot : old)
      if (slot.position)
        index(slot.hash, slot.position - 1);
  }
  size_t mask = slots.size() - 1;
  size_t i = hash & mask;
  while (slots[i].position)
    i = (i + 1) & mask;
  slots[i] = {hash, position + 1};
}

void FindingCollector::add(Finding finding) {
  uint64_t hash = hashBytes(finding.fingerprint);
  if (Finding *first = find(finding.fingerprint, hash)) {
    first->count += finding.count;
    first->baseline = first->baseline || finding.baseline;
    return;
  }
  if (all.size() == kMaxFindings)
    throw ToolError(fmt::format(
        "more than {} distinct findings; refusing to hold more", kMaxFindings));
  if (finding.message.empty())
    finding.message = describeFinding(messageJson(finding));
  index(hash, all.size());
  all.push_back(std::move(finding));
}

bool FindingCollector::holds(std::string_view fingerprint) {
  return find(fingerprint, hashBytes(fingerprint)) != nullptr;
}

bool FindingCollector::hasKind(std::string_view kind) const {
  for (const Finding &finding : all)
    if (finding.kind.view() == kind)
      return true;
  return false;
}

Findings FindingCollector::take() {
  slots.clear();
  slots.shrink_to_fit();
  return std::move(all);
}

} // namespace racegate

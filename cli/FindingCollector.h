#pragma once

#include "Json.h"

#include <string>
#include <unordered_map>

namespace racegate {

// Collects report findings, merging those with equal fingerprints into the
// first one seen: counts add up, and a finding is in the baseline if any of
// its occurrences was (they share a fingerprint, so a baseline that holds
// one holds all). Used for the records of one stream and for the findings
// of many reports (`racegate merge`) alike.
class FindingCollector {
public:
  void add(Json finding);
  Json take() { return std::move(findings); }

private:
  Json findings = Json::array();
  std::unordered_map<std::string, size_t> indexByFingerprint;
};

} // namespace racegate

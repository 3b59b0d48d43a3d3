#include "FindingCollector.h"

#include "JsonFields.h"

namespace racegate {

void FindingCollector::add(Json finding) {
  std::string fingerprint = stringField(finding, "fingerprint");
  auto [it, isNew] = indexByFingerprint.emplace(fingerprint, findings.size());
  if (isNew) {
    findings.push_back(std::move(finding));
    return;
  }
  Json &first = findings[it->second];
  first["count"] = integerField(first, "count").value_or(1) +
                   integerField(finding, "count").value_or(1);
  if (isTrueField(finding, "baseline"))
    first["baseline"] = true;
}

} // namespace racegate

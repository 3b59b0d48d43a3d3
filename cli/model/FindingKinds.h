#pragma once

#include <span>
#include <string_view>

namespace racegate {

// Every finding kind the runtime may report, in the order the report schema
// lists them (docs/report.schema.json keeps the same list).
std::span<const std::string_view> findingKinds();

bool isKnownFindingKind(std::string_view kind);

} // namespace racegate

#pragma once

#include <span>
#include <string_view>

namespace racegate {

// Every finding kind the runtime may report, in the order the report schema
// lists them (docs/report.schema.json keeps the same list).
std::span<const std::string_view> findingKinds();

bool isKnownFindingKind(std::string_view kind);

// Kinds of severity note: worth knowing, but not a bug this run can hit
// (a lock-order cycle that cannot deadlock). They fail the gate only when
// --fail-on names them (or says `all`).
bool isNoteKind(std::string_view kind);

} // namespace racegate

#pragma once

#include "Json.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace racegate {

// 64-bit FNV-1a: fixed by specification, so fingerprints stay equal across
// racegate builds, compilers and machines (std::hash promises none of that).
uint64_t fnv1a64(std::string_view bytes);

// The identity of a finding for deduplication and for tracking it across
// runs: its kind plus, for each stack, the (file basename, linkage name) of
// the three innermost frames. Line numbers, addresses and thread ids are left
// out so unrelated edits and scheduling do not change it, and the per-stack
// parts are sorted so the order of the two racing accesses does not matter.
// Works on stream records and on report findings alike (it prefers
// `linkage_name` over `function` when a frame has been demangled).
std::string fingerprintFinding(const Json &finding);

} // namespace racegate

#pragma once

#include "Finding.h"
#include "Json.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace racegate {

// 64-bit FNV-1a: fixed by specification, so fingerprints stay equal across
// racegate builds, compilers and machines (std::hash promises none of that).
uint64_t fnv1a64(std::string_view bytes);

// The identity of a finding for deduplication, baselines and tracking it
// across runs: its kind; for each stack, the (file basename, linkage name) of
// its three innermost frames in the user's code (system-header frames such
// as std::mutex::lock are the same for every finding, so they would make
// distinct findings collide); and, for a data race on a global, the
// variable's name. Line numbers, addresses and thread ids are left out so
// that unrelated edits and scheduling do not change it, and the per-stack
// parts are sorted and de-duplicated so neither the order of the stacks nor
// the number of threads stuck at the same site matters. Works on
// stream records and report findings alike (it prefers `linkage_name` over
// `function` when a frame has been demangled).
std::string fingerprintFinding(const Finding &finding);
std::string fingerprintFinding(const Json &finding);

} // namespace racegate

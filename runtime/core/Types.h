//===- Types.h - small vocabulary types of the detection core -------------===//
#ifndef RACEGATE_CORE_TYPES_H
#define RACEGATE_CORE_TYPES_H

#include <cstdint>

namespace racegate {

/// A thread's index in vector clocks; 0 is the main thread.
using Tid = uint32_t;
/// A thread's logical time; every thread starts at 1, so 0 means "never".
using Clock = uint64_t;
/// The id of a source site registered by an instrumented module; 0 is unknown.
using SiteId = uint32_t;
/// The id of an interned call stack in the StackDepot; 0 is the empty stack.
using StackId = uint32_t;

constexpr Tid MaxThreads = 1u << 16;

/// A depot node whose site has this bit pairs two places (see AccessPair):
/// the parent is one, the site below the bit the other. Site and node ids
/// stay below it.
constexpr SiteId PairMarker = 1u << 30;
/// The latest clock a shadow word can hold (see AccessWord).
constexpr Clock MaxClock = (Clock(1) << 36) - 1;

} // namespace racegate

#endif

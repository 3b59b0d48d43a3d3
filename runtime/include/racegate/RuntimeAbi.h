//===- RuntimeAbi.h - the contract between instrumented code and runtime --===//
//
// Shared by the pass and the runtime so the two cannot drift apart.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_RUNTIMEABI_H
#define RACEGATE_RUNTIMEABI_H

#include <cstdint>

namespace racegate::abi {

// Flags of __racegate_atomic_begin/end and __racegate_fence. The low three
// bits hold the memory order with the values of the C11 memory_order enum.
enum AtomicFlags : uint32_t {
  OrderMask = 0x7,
  OrderRelaxed = 0,
  OrderConsume = 1,
  OrderAcquire = 2,
  OrderRelease = 3,
  OrderAcqRel = 4,
  OrderSeqCst = 5,
  AtomicReads = 1u << 3,
  AtomicWrites = 1u << 4,
  // Set at run time on a compare-exchange that did not store.
  AtomicCasFailed = 1u << 8,
};

// One entry of the globals table a module registers, so that races on
// globals name the variable.
struct GlobalRecord {
  const void *Address;
  uint64_t Size;
  const char *Name;
  const char *File;
  uint64_t Line;
};

/// Header-only primitives whose waits the analyzer marks
/// (__racegate_primitive_wait_begin), so reports can say what they wait for.
enum Primitive : uint32_t {
  PrimitiveNone = 0,
  PrimitiveLatch = 1,   // std::latch: its first word is the remaining count
  PrimitiveBarrier = 2, // std::barrier: its first word is the party count
};

/// The exit status of a program that racegate ended because it deadlocked
/// or stalled.
constexpr int HangExitCode = 86;
/// The exit status of a program that racegate ended because it outran the
/// time given in RACEGATE_TIMEOUT.
constexpr int TimeoutExitCode = 124;

} // namespace racegate::abi

#endif

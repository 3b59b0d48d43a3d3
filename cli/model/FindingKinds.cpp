#include "FindingKinds.h"

#include <algorithm>
#include <array>

namespace racegate {

static constexpr std::array<std::string_view, 22> kKinds = {
    "data_race",
    "lock_order_inversion",
    "lock_order_violation",
    "deadlock",
    "stall",
    "starvation",
    "livelock",
    "unlock_not_owned",
    "double_unlock",
    "destroy_locked",
    "lock_leak",
    "semaphore_overflow",
    "condvar_wait_unlocked",
    "condvar_multiple_mutexes",
    "thread_leak",
    "invalid_thread_op",
    "barrier_misuse",
    "sync_reinit",
    "sync_call_failed",
    "lock_destroyed",
    "condvar_destroy_busy",
    "timeout",
};

std::span<const std::string_view> findingKinds() { return kKinds; }

bool isKnownFindingKind(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

bool isNoteKind(std::string_view kind) {
  return kind == "lock_order_violation";
}

} // namespace racegate

#pragma once

// Phrases shared by the per-kind message builders (FindingMessage.cpp,
// WaitMessage.cpp). The runtime names synchronisation objects by address
// only, so every phrase here is built from addresses and thread ids.

#include "Json.h"

#include <optional>
#include <string>
#include <vector>

namespace racegate {

// "thread 2", or "threads 1, 2 and 3".
std::string threadList(const std::vector<std::string> &ids);

// The thread of finding.stacks[index], if the stream named one.
std::optional<std::string> stackThread(const Json &finding, size_t index);

// "thread 2" for stacks[0]'s thread, "a thread" when unknown.
std::string actingThread(const Json &finding);

// "0x7f10" or "?" for a missing or non-string address.
std::string addressText(const Json *address);

// Joins clauses as "a, b and c".
std::string joinClauses(const std::vector<std::string> &clauses);

// Clauses describing what each thread of a `threads` array of wait states
// (`deadlock.threads`, `stall.threads`, `timeout.threads`) is doing, e.g.
// "thread 1 waits for lock 0x10 held by thread 2". Threads doing the same
// thing share one clause ("threads 1, 2 and 3 wait at barrier 0x20").
std::vector<std::string> waitClauses(const Json *waitStates);

} // namespace racegate

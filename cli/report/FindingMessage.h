#pragma once

#include "Json.h"

#include <string>

namespace racegate {

// The one-line human message of a finding, built from its kind and its
// kind-specific object (`race`, `cycle`, `deadlock`, `stall`, `starvation`,
// `livelock`, `misuse`, `timeout`; see docs/report-format.md). Missing
// details shorten the message rather than fail: the kind alone always gives
// a usable line.
std::string describeFinding(const Json &finding);

// The messages of the kinds whose objects describe waiting threads
// (WaitMessage.cpp).
std::string describeDeadlock(const Json &finding);
std::string describeStall(const Json &finding);
std::string describeStarvation(const Json &finding);
std::string describeLivelock(const Json &finding);
std::string describeTimeout(const Json &finding);

} // namespace racegate

#pragma once

#include "Json.h"

#include <string>

namespace racegate {

// The one-line human message of a finding, built from its kind and its
// kind-specific object (`race`, `cycle`, `blocked`, `misuse`, `timeout`; see
// docs/report-format.md). Missing details shorten the message rather than
// fail: the kind alone always gives a usable line.
std::string describeFinding(const Json &finding);

} // namespace racegate

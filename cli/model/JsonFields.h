#pragma once

#include "Json.h"

#include <optional>
#include <string>

namespace racegate {

// Defensive accessors for records written by another program: a missing or
// mistyped field yields a fallback instead of an exception, because one odd
// field must not cost the user the rest of the report.

// The member `key` of `object`, or nullptr if `object` is not an object or
// lacks it.
const Json *findMember(const Json &object, const char *key);

std::string stringField(const Json &object, const char *key,
                        const std::string &fallback = "");

std::optional<long long> integerField(const Json &object, const char *key);

// True only for a boolean member that is true.
bool isTrueField(const Json &object, const char *key);

// A scalar as text: strings as-is, numbers without quotes, 1.0 as "1".
std::string scalarText(const Json &value);

} // namespace racegate

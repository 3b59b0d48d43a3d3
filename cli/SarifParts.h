#pragma once

// Building blocks of the SARIF 2.1.0 output (SarifFormat.cpp): locations,
// stacks and thread flows made from report frames. Kept apart because they
// are the parts with SARIF's fiddly constraints (1-based regions, URIs).

#include "Json.h"

#include <string>
#include <string_view>

namespace racegate {

// A file path as a URI reference: "file:///abs/path" for absolute paths, a
// relative reference otherwise, percent-encoding everything but unreserved
// characters and '/'.
std::string fileUri(std::string_view path);

// Escapes text for a SARIF message that also contains [text](id) links:
// '\', '[' and ']' get a backslash.
std::string escapeMessageText(std::string_view text);

// A SARIF `location` for a report frame: the physical location when the file
// is known (with a region when the line is), the function as a logical
// location, and `message` when not empty.
Json sarifLocation(const Json &frame, const std::string &message = "");

// A SARIF `stack` of report frames, innermost first.
Json sarifStack(const Json &frames, const std::string &message,
                const Json &thread);

// The SARIF `codeFlows` of a finding: the interleaving that exhibits it (the
// two accesses of a data race in order; the acquisitions and then the
// blocking requests of a lock cycle or deadlock). Empty when the kind has
// no interleaving to show or the finding's stacks do not have the expected
// layout (docs/report-format.md).
Json sarifCodeFlows(const Json &finding);

} // namespace racegate

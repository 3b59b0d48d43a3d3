#pragma once

// Building blocks of the SARIF 2.1.0 output (SarifFormat.cpp): locations,
// stacks and thread flows made from report frames. Kept apart because they
// are the parts with SARIF's fiddly constraints (1-based regions, URIs).

#include "Finding.h"
#include "Json.h"
#include "SourcePaths.h"

#include <string>
#include <string_view>

namespace racegate {

// The uriBaseId of files under --source-root.
inline constexpr const char *kSourceRootId = "SRCROOT";
// The uriBaseId of files under /usr (system and compiler headers).
inline constexpr const char *kSystemRootId = "SYSTEM";

// A file path as a URI reference: "file:///abs/path" for absolute paths, a
// relative reference otherwise, percent-encoding everything but unreserved
// characters and '/'.
std::string fileUri(std::string_view path);

// Escapes text for a SARIF message that also contains [text](id) links:
// '\', '[' and ']' get a backslash.
std::string escapeMessageText(std::string_view text);

// A SARIF artifactLocation: relative to SRCROOT for files under the source
// root, to SYSTEM for files under /usr, an absolute file URI otherwise.
Json artifactLocation(const Text &file, const SourcePaths &paths);

// A SARIF `location` for a frame: the physical location when the file is
// known (with a region when the line is), the function as a logical
// location, and `message` when not empty.
Json sarifLocation(const Frame &frame, const SourcePaths &paths,
                   const std::string &message = "");

// A SARIF `stack` of frames, innermost first.
Json sarifStack(const Frames &frames, const SourcePaths &paths,
                const std::string &message,
                const std::optional<int64_t> &thread);

// The SARIF `codeFlows` of a finding: the interleaving that exhibits it (the
// two accesses of a data race in order; the acquisitions and then the
// blocking requests of a lock cycle or deadlock). Empty when the kind has
// no interleaving to show or the finding's stacks do not have the expected
// layout (docs/report-format.md).
Json sarifCodeFlows(const Finding &finding, const SourcePaths &paths);

} // namespace racegate

#pragma once

// Building blocks of the SARIF 2.1.0 output (SarifFormat.cpp): locations and
// stacks made from report frames. Kept apart because they are the parts with
// SARIF's fiddly constraints (1-based regions, URIs) and its sharing: a
// function appears in every frame of every stack that passes through it, so
// its names are written once, in the run's `logicalLocations`, and each
// location refers to them by index.

#include "Finding.h"
#include "Json.h"
#include "JsonWriter.h"
#include "SourcePaths.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

// What the locations of one run share: the artifact location of each file
// (computed once per file) and the run's logical locations.
class SarifLocations {
public:
  explicit SarifLocations(const SourcePaths &paths) : paths(paths) {}

  // A SARIF `location` for a frame: the physical location when the file is
  // known (with a region when the line is), the function as a reference to
  // the run's logical location, and `message` when not empty. `id` is for
  // related locations (0: none).
  void writeLocation(JsonWriter &out, const Frame &frame,
                     std::string_view message = {}, int64_t id = 0);

  // A SARIF `stack` of frames, innermost first.
  void writeStack(JsonWriter &out, const Frames &frames,
                  std::string_view message,
                  const std::optional<int64_t> &thread);

  // The run's `logicalLocations` array; empty when no location had a
  // function.
  bool hasLogicalLocations() const { return !functions.empty(); }
  void writeLogicalLocations(JsonWriter &out) const;

private:
  // A function is its demangled and its mangled name; Texts are interned,
  // so their addresses identify them.
  struct Function {
    const std::string *name = nullptr;
    const std::string *linkageName = nullptr;
    bool operator==(const Function &other) const = default;
  };
  // Function -> index in `functions`: an open-addressing table, asked once
  // per frame of every stack.
  struct Slot {
    Function function;
    size_t index = 0;
  };

  // A SARIF artifactLocation as JSON text: relative to SRCROOT for files
  // under the source root, to SYSTEM for files under /usr, an absolute file
  // URI otherwise.
  const std::string &artifactLocation(const Text &file);
  std::optional<size_t> functionIndex(const Frame &frame);

  const SourcePaths &paths;
  std::unordered_map<const std::string *, std::string> artifactLocations;
  std::vector<Slot> functionSlots = std::vector<Slot>(1024);
  std::vector<Function> functions;
};

// A frame's location alone, as JSON (tests).
Json sarifLocation(const Frame &frame, const SourcePaths &paths,
                   const std::string &message = "");

} // namespace racegate

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
#include "PointerMap.h"
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
// characters and '/'; a `\xNN` of a path in another encoding (Utf8.h) is
// the byte NN.
std::string fileUri(std::string_view path);

// Escapes text for a SARIF message that also contains [text](id) links:
// '\', '[' and ']' get a backslash.
std::string escapeMessageText(std::string_view text);
// The same, appended to `out` (a message built from many parts).
void appendMessageText(std::string &out, std::string_view text);

// What the locations of one run share: the run's artifacts (each file URI
// once; an artifactLocation names its file by `uri` for GitHub, which reads
// no index, and by `index` into `run.artifacts` for viewers that do) and
// the run's logical locations.
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

  // The run's `artifacts` array: every file a location named, in the order
  // of their indexes.
  bool hasArtifacts() const { return !artifacts.empty(); }
  void writeArtifacts(JsonWriter &out) const;

  // The run's `logicalLocations` array; empty when no location had a
  // function.
  bool hasLogicalLocations() const { return !functions.empty(); }
  void writeLogicalLocations(JsonWriter &out) const;

private:
  // A function is its demangled and its mangled name; Texts are interned,
  // so equal Texts are equal strings.
  struct Function {
    Text name;
    Text linkageName;
    bool operator==(const Function &other) const = default;
  };
  // Function -> index in `functions`: an open-addressing table, asked once
  // per frame of every stack.
  struct Slot {
    Function function;
    size_t index = 0;
  };

  // A SARIF artifactLocation as JSON text, with its artifact's index:
  // relative to SRCROOT for files under the source root, to SYSTEM for
  // files under /usr, an absolute file URI otherwise.
  const std::string &artifactLocation(const Text &file);
  size_t artifactIndex(std::string uri, const char *uriBaseId);
  std::optional<size_t> functionIndex(const Frame &frame);

  const SourcePaths &paths;
  // Per file as the frames spell it (interned, so keyed by address).
  PointerMap<std::string> artifactLocations;
  // Distinct files: spellings such as /usr/bin/../include/x.h and
  // /usr/include/x.h make one URI, hence one artifact.
  struct Artifact {
    std::string uri;
    const char *uriBaseId; // nullptr: an absolute URI
  };
  std::vector<Artifact> artifacts;
  std::unordered_map<std::string, size_t> artifactIndexes;
  std::vector<Slot> functionSlots = std::vector<Slot>(1024);
  std::vector<Function> functions;
};

// A frame's location alone, as JSON (tests).
Json sarifLocation(const Frame &frame, const SourcePaths &paths,
                   const std::string &message = "");

} // namespace racegate

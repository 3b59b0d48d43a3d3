#include "SarifParts.h"

#include "Frames.h"
#include "Utf8.h"

#include <fmt/core.h>

#include <cctype>

namespace racegate {

std::string fileUri(std::string_view path) {
  std::string encoded;
  // A path's bytes that are not UTF-8 are `\xNN` in the report; the URI
  // percent-encodes the byte itself, so that it names the file on disk.
  for (unsigned char c : restoreEscapedBytes(normalisedPath(path))) {
    // Unreserved characters, '/', and the sub-delimiters common in paths
    // ("c++") stay readable; ':' is encoded because in a relative reference
    // it would start a scheme.
    if (std::isalnum(c) ||
        std::string_view("-._~/+@,=").find(char(c)) != std::string_view::npos)
      encoded += char(c);
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return path.starts_with('/') ? "file://" + encoded : encoded;
}

std::string escapeMessageText(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\\' || c == '[' || c == ']')
      escaped += '\\';
    escaped += c;
  }
  return escaped;
}

size_t SarifLocations::artifactIndex(std::string uri, const char *uriBaseId) {
  std::string key = std::string(uriBaseId ? uriBaseId : "") + '\n' + uri;
  auto [it, isNew] = artifactIndexes.try_emplace(std::move(key), artifacts.size());
  if (isNew)
    artifacts.push_back({std::move(uri), uriBaseId});
  return it->second;
}

const std::string &SarifLocations::artifactLocation(const Text &file) {
  auto [it, isNew] = artifactLocations.try_emplace(&file.str());
  if (!isNew)
    return it->second;
  std::string uri;
  const char *uriBaseId = nullptr;
  if (auto relative = paths.relative(file.view())) {
    uri = fileUri(*relative);
    uriBaseId = kSourceRootId;
  } else if (std::string path = normalisedPath(file.view());
             path.starts_with("/usr/")) {
    // System headers are the same on every machine of a distribution; a
    // base id keeps their URIs relative too.
    uri = fileUri(path.substr(5));
    uriBaseId = kSystemRootId;
  } else {
    uri = fileUri(path);
  }
  Json location{{"uri", uri}};
  if (uriBaseId)
    location["uriBaseId"] = uriBaseId;
  location["index"] = artifactIndex(std::move(uri), uriBaseId);
  it->second = compactJson(location);
  return it->second;
}

void SarifLocations::writeArtifacts(JsonWriter &out) const {
  out.beginArray();
  for (const Artifact &artifact : artifacts) {
    out.beginObject();
    out.key("location");
    out.beginObject();
    out.member("uri", artifact.uri);
    if (artifact.uriBaseId)
      out.member("uriBaseId", artifact.uriBaseId);
    out.endObject();
    out.endObject();
  }
  out.endArray();
}

std::optional<size_t> SarifLocations::functionIndex(const Frame &frame) {
  if (frame.function.empty() || frame.function.view() == "??")
    return std::nullopt;
  Function function{&frame.function.str(), &frame.linkageName.str()};
  auto hash = [](const Function &f) {
    return std::hash<const void *>()(f.name) * 0x9E3779B97F4A7C15ULL ^
           std::hash<const void *>()(f.linkageName);
  };
  size_t mask = functionSlots.size() - 1;
  for (size_t i = hash(function) & mask;; i = (i + 1) & mask) {
    Slot &slot = functionSlots[i];
    if (slot.function == function)
      return slot.index;
    if (slot.function.name)
      continue;
    slot = {function, functions.size()};
    functions.push_back(function);
    if (functions.size() * 2 > functionSlots.size()) {
      // Rehash into twice the slots.
      std::vector<Slot> old(functionSlots.size() * 2);
      old.swap(functionSlots);
      mask = functionSlots.size() - 1;
      for (const Slot &moved : old) {
        if (!moved.function.name)
          continue;
        size_t j = hash(moved.function) & mask;
        while (functionSlots[j].function.name)
          j = (j + 1) & mask;
        functionSlots[j] = moved;
      }
    }
    return functions.size() - 1;
  }
}

void SarifLocations::writeLocation(JsonWriter &out, const Frame &frame,
                                   std::string_view message, int64_t id) {
  out.beginObject();
  if (!frame.file.empty()) {
    out.key("physicalLocation");
    out.beginObject();
    out.key("artifactLocation");
    out.rawValue(artifactLocation(frame.file));
    // SARIF regions are 1-based; 0 means the runtime did not know.
    if (frame.line > 0) {
      out.key("region");
      out.beginObject();
      out.member("startLine", frame.line);
      if (frame.column > 0)
        out.member("startColumn", frame.column);
      out.endObject();
    }
    out.endObject();
  }
  if (auto index = functionIndex(frame)) {
    out.key("logicalLocations");
    out.beginArray();
    out.beginObject();
    out.member("index", *index);
    out.endObject();
    out.endArray();
  }
  if (!message.empty()) {
    out.key("message");
    out.beginObject();
    out.member("text", message);
    out.endObject();
  }
  if (id > 0)
    out.member("id", id);
  out.endObject();
}

void SarifLocations::writeStack(JsonWriter &out, const Frames &frames,
                                std::string_view message,
                                const std::optional<int64_t> &thread) {
  out.beginObject();
  out.key("message");
  out.beginObject();
  out.member("text", message);
  out.endObject();
  out.key("frames");
  out.beginArray();
  for (const Frame &frame : frames) {
    out.beginObject();
    out.key("location");
    writeLocation(out, frame);
    if (thread)
      out.member("threadId", *thread);
    out.endObject();
  }
  out.endArray();
  out.endObject();
}

void SarifLocations::writeLogicalLocations(JsonWriter &out) const {
  out.beginArray();
  for (const Function &function : functions) {
    out.beginObject();
    out.member("fullyQualifiedName", *function.name);
    out.member("kind", "function");
    if (!function.linkageName->empty())
      out.member("decoratedName", *function.linkageName);
    out.endObject();
  }
  out.endArray();
}

Json sarifLocation(const Frame &frame, const SourcePaths &paths,
                   const std::string &message) {
  StringSink text;
  {
    SarifLocations locations(paths);
    JsonWriter out(text);
    locations.writeLocation(out, frame, message);
  }
  return Json::parse(text.take());
}

} // namespace racegate

#include "SarifParts.h"

#include "Frames.h"
#include "Utf8.h"

#include <fmt/core.h>

#include <bit>
#include <cctype>
#include <cstdint>

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
  appendMessageText(escaped, text);
  return escaped;
}

void appendMessageText(std::string &out, std::string_view text) {
  // Most messages and labels have nothing to escape: copied in runs.
  for (size_t at = 0;;) {
    size_t special = text.find_first_of("\\[]", at);
    out.append(text.substr(at, special - at));
    if (special == std::string_view::npos)
      return;
    out += '\\';
    out += text[special];
    at = special + 1;
  }
}

size_t SarifLocations::artifactIndex(std::string uri, const char *uriBaseId) {
  std::string key = std::string(uriBaseId ? uriBaseId : "") + '\n' + uri;
  auto [it, isNew] = artifactIndexes.try_emplace(std::move(key), artifacts.size());
  if (isNew)
    artifacts.push_back({std::move(uri), uriBaseId});
  return it->second;
}

const std::string &SarifLocations::artifactLocation(const Text &file) {
  auto [location, isNew] = artifactLocations.tryEmplace(&file.str());
  if (!isNew)
    return location;
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
  Json json{{"uri", uri}};
  if (uriBaseId)
    json["uriBaseId"] = uriBaseId;
  json["index"] = artifactIndex(std::move(uri), uriBaseId);
  location = compactJson(json);
  return location;
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
  Function function{frame.function, frame.linkageName};
  // The high bits of products of the strings' addresses: the addresses are
  // multiples of 8, and so are the low bits of their products with odd
  // numbers, which made only every eighth slot a first probe.
  auto slotOf = [](const Function &f, size_t slots) {
    uint64_t mixed =
        uint64_t(uintptr_t(&f.name.str())) * 0x9E3779B97F4A7C15ULL ^
        uint64_t(uintptr_t(&f.linkageName.str())) * 0xC2B2AE3D27D4EB4FULL;
    return size_t(mixed >> (64 - std::countr_zero(slots)));
  };
  size_t mask = functionSlots.size() - 1;
  for (size_t i = slotOf(function, functionSlots.size());; i = (i + 1) & mask) {
    Slot &slot = functionSlots[i];
    if (slot.function == function)
      return slot.index;
    if (slot.function.name.present())
      continue;
    slot = {function, functions.size()};
    functions.push_back(function);
    if (functions.size() * 2 > functionSlots.size()) {
      // Rehash into twice the slots.
      std::vector<Slot> old(functionSlots.size() * 2);
      old.swap(functionSlots);
      mask = functionSlots.size() - 1;
      for (const Slot &moved : old) {
        if (!moved.function.name.present())
          continue;
        size_t j = slotOf(moved.function, functionSlots.size());
        while (functionSlots[j].function.name.present())
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
    out.member("fullyQualifiedName", function.name);
    out.member("kind", "function");
    if (!function.linkageName.empty())
      out.member("decoratedName", function.linkageName);
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

#include "Finding.h"

#include "FindingReader.h"
#include "Frames.h"
#include "PointerMap.h"

namespace racegate {

namespace {

Json nullable(const std::optional<int64_t> &value) {
  return value ? Json(*value) : Json(nullptr);
}

Json framesJson(const Frames &frames) {
  Json json = Json::array();
  for (const Frame &frame : frames)
    json.push_back(frame);
  return json;
}

} // namespace

bool KindDetails::contains(std::string_view key) const {
  return !text.empty() && json().contains(key);
}

void KindDetails::set(const std::string &key, const Json &value) {
  if (text.empty()) {
    text = compactJson(Json(key)) + ":" + compactJson(value);
    return;
  }
  // A second member: rare (a kind object and an addition of a newer
  // runtime), so the text is rebuilt.
  Json object = json();
  object[key] = value;
  std::string all = compactJson(object);
  text = all.substr(1, all.size() - 2);
}

Json KindDetails::json() const {
  if (text.empty())
    return Json::object();
  // Asked for every finding's message and again by SARIF's code flows: the
  // model's reader is faster than nlohmann's parser, and it makes the tree
  // the text was written from (readFindingMember read it so).
  std::string object = "{" + text + "}";
  JsonReader reader(object, 1 << 20);
  return reader.value();
}

void to_json(Json &json, const Stack &stack) {
  json = Json{{"thread", nullable(stack.thread)},
              {"description", stack.description.str()},
              {"frames", framesJson(stack.frames)}};
}

void to_json(Json &json, const ThreadInfo &thread) {
  json = Json{{"id", nullable(thread.id)},
              {"parent", nullable(thread.parent)},
              {"creation_stack", framesJson(thread.creationStack)}};
}

void to_json(Json &json, const HeldLock &lock) {
  json = Json::object();
  if (!lock.address.is_null())
    json["address"] = lock.address;
  if (lock.exclusive)
    json["exclusive"] = *lock.exclusive;
  json["acquired_at"] = framesJson(lock.acquiredAt);
}

void to_json(Json &json, const Access &access) {
  json = Json::object();
  if (access.thread)
    json["thread"] = *access.thread;
  if (access.operation.present())
    json["operation"] = access.operation.str();
  if (access.size)
    json["size"] = *access.size;
  if (access.atomic)
    json["atomic"] = *access.atomic;
  if (!access.address.is_null())
    json["address"] = access.address;
  Json locks = Json::array();
  for (const HeldLock &lock : access.locksHeld)
    locks.push_back(lock);
  json["locks_held"] = std::move(locks);
}

void to_json(Json &json, const Variable &variable) {
  json = Json::object();
  if (variable.kind.present())
    json["kind"] = variable.kind.str();
  if (variable.name.present())
    json["name"] = variable.name.str();
  if (!variable.address.is_null())
    json["address"] = variable.address;
  if (variable.size)
    json["size"] = *variable.size;
  if (variable.offset)
    json["offset"] = *variable.offset;
  if (variable.file.present())
    json["file"] = variable.file.str();
  if (variable.line)
    json["line"] = *variable.line;
  if (variable.thread)
    json["thread"] = *variable.thread;
  if (variable.allocationStack)
    json["allocation_stack"] = framesJson(*variable.allocationStack);
  if (variable.frame)
    json["frame"] = *variable.frame;
}

void to_json(Json &json, const Race &race) {
  Json accesses = Json::array();
  for (const Access &access : race.accesses)
    accesses.push_back(access);
  json = Json{{"accesses", std::move(accesses)}};
  if (race.variable)
    json["variable"] = *race.variable;
}


// One mapping from JSON to the model: the reader's. Trees (tests, the
// small kind objects) go through their text.
void from_json(const Json &json, Frame &frame) {
  std::string text = compactJson(json);
  JsonReader reader(text, 1 << 20);
  frame = readFrame(reader);
}

void to_json(Json &json, const Frame &frame) {
  json = Json{{"function", frame.function.str()},
              {"file", frame.file.str()},
              {"line", frame.line},
              {"column", frame.column}};
  if (frame.inlined)
    json["inlined"] = true;
  if (frame.module.present())
    json["module"] = frame.module.str();
  if (frame.linkageName.present())
    json["linkage_name"] = frame.linkageName.str();
}

void from_json(const Json &json, Finding &finding) {
  std::string text = compactJson(json);
  JsonReader reader(text, 1 << 20);
  finding = readFinding(reader);
}

void to_json(Json &json, const Finding &finding) {
  json = Json::object();
  json["kind"] = finding.kind.str();
  json["message"] = finding.message;
  json["location"] = Json{{"file", finding.location.file.str()},
                          {"line", finding.location.line},
                          {"column", finding.location.column},
                          {"function", finding.location.function.str()}};
  json["fingerprint"] = finding.fingerprint;
  json["count"] = finding.count;
  json["baseline"] = finding.baseline;
  json["fails_gate"] = finding.failsGate;
  Json stacks = Json::array();
  for (const Stack &stack : finding.stacks)
    stacks.push_back(stack);
  json["stacks"] = std::move(stacks);
  Json threads = Json::array();
  for (const ThreadInfo &thread : finding.threads)
    threads.push_back(thread);
  json["threads"] = std::move(threads);
  if (finding.race)
    json["race"] = *finding.race;
  Json details = finding.details.json();
  for (auto it = details.begin(); it != details.end(); ++it)
    json[it.key()] = it.value();
}

bool isUserFrame(const Frame &frame) {
  // Asked for every frame by fingerprints and formats; files recur.
  static auto &cache = *new PointerMap<bool>;
  auto [isUser, isNew] = cache.tryEmplace(&frame.file.str());
  if (isNew)
    isUser = !isSystemFile(frame.file.view());
  return isUser;
}

const Frame *primaryFrame(const Frames &frames) {
  for (const Frame &frame : frames)
    if (isUserFrame(frame))
      return &frame;
  return frames.empty() ? nullptr : &frames[0];
}

} // namespace racegate

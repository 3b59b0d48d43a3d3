#include "FindingReader.h"

#include "Demangle.h"
#include "PointerMap.h"

#include <fmt/core.h>

namespace racegate {

namespace {

using Kind = JsonReader::Kind;

std::optional<int64_t> readInteger(JsonReader &reader) {
  if (reader.peek() == Kind::Number)
    return reader.number();
  reader.skip();
  return std::nullopt;
}

std::optional<bool> readBool(JsonReader &reader) {
  if (reader.peek() == Kind::Bool)
    return reader.boolean();
  reader.skip();
  return std::nullopt;
}

Text readText(JsonReader &reader) {
  if (reader.peek() == Kind::String)
    return Text(reader.string());
  reader.skip();
  return Text();
}

Json readScalar(JsonReader &reader) {
  Kind kind = reader.peek();
  if (kind == Kind::Object || kind == Kind::Array) {
    reader.skip();
    return Json();
  }
  return reader.value();
}

template <typename ReadOne> void readArray(JsonReader &reader, ReadOne &&one) {
  if (reader.peek() != Kind::Array) {
    reader.skip();
    return;
  }
  reader.array(one);
}

template <typename OnMember>
bool readObject(JsonReader &reader, OnMember &&onMember) {
  if (reader.peek() != Kind::Object) {
    reader.skip();
    return false;
  }
  reader.object(onMember);
  return true;
}

// Demangling costs microseconds and the same names recur in every finding.
Text demangled(const Text &linkageName) {
  // Never destroyed: tearing down one node per name at exit only delays it.
  static auto &cache = *new PointerMap<Text>;
  auto [name, isNew] = cache.tryEmplace(&linkageName.str());
  if (isNew)
    name = Text(demangle(linkageName.str()));
  return name;
}

Frames readFrames(JsonReader &reader) {
  // Read into a scratch vector and copied at their exact size: growing by
  // doubling would leave a quarter of every stack's memory unused.
  static thread_local Frames scratch;
  scratch.clear();
  readArray(reader, [&] { scratch.push_back(readFrame(reader)); });
  return Frames(scratch.begin(), scratch.end());
}

Stack readStack(JsonReader &reader) {
  Stack stack;
  stack.description = Text("");
  readObject(reader, [&](std::string_view key) {
    if (key == "thread")
      stack.thread = readInteger(reader);
    else if (key == "description") {
      Text description = readText(reader);
      stack.description = description.present() ? description : Text("");
    } else if (key == "frames")
      stack.frames = readFrames(reader);
    else
      reader.skip();
  });
  return stack;
}

ThreadInfo readThread(JsonReader &reader) {
  ThreadInfo thread;
  readObject(reader, [&](std::string_view key) {
    if (key == "id")
      thread.id = readInteger(reader);
    else if (key == "parent")
      thread.parent = readInteger(reader);
    else if (key == "creation_stack")
      thread.creationStack = readFrames(reader);
    else
      reader.skip();
  });
  return thread;
}

HeldLock readLock(JsonReader &reader) {
  HeldLock lock;
  readObject(reader, [&](std::string_view key) {
    if (key == "address")
      lock.address = readScalar(reader);
    else if (key == "exclusive")
      lock.exclusive = readBool(reader);
    else if (key == "acquired_at")
      lock.acquiredAt = readFrames(reader);
    else
      reader.skip();
  });
  return lock;
}

Access readAccess(JsonReader &reader) {
  Access access;
  readObject(reader, [&](std::string_view key) {
    if (key == "thread")
      access.thread = readInteger(reader);
    else if (key == "operation")
      access.operation = readText(reader);
    else if (key == "size")
      access.size = readInteger(reader);
    else if (key == "atomic")
      access.atomic = readBool(reader);
    else if (key == "address")
      access.address = readScalar(reader);
    else if (key == "locks_held")
      readArray(reader, [&] { access.locksHeld.push_back(readLock(reader)); });
    else
      reader.skip();
  });
  return access;
}

Variable readVariable(JsonReader &reader) {
  Variable variable;
  readObject(reader, [&](std::string_view key) {
    if (key == "kind")
      variable.kind = readText(reader);
    else if (key == "name")
      variable.name = readText(reader);
    else if (key == "address")
      variable.address = readScalar(reader);
    else if (key == "size")
      variable.size = readInteger(reader);
    else if (key == "offset")
      variable.offset = readInteger(reader);
    else if (key == "file")
      variable.file = readText(reader);
    else if (key == "line")
      variable.line = readInteger(reader);
    else if (key == "thread")
      variable.thread = readInteger(reader);
    else if (key == "allocation_stack") {
      if (reader.peek() == Kind::Array)
        variable.allocationStack = readFrames(reader);
      else
        reader.skip();
    } else if (key == "frame") {
      if (reader.peek() == Kind::Object)
        variable.frame = readFrame(reader);
      else
        reader.skip();
    } else
      reader.skip();
  });
  return variable;
}

Race readRace(JsonReader &reader) {
  Race race;
  readObject(reader, [&](std::string_view key) {
    if (key == "accesses")
      readArray(reader, [&] { race.accesses.push_back(readAccess(reader)); });
    else if (key == "variable") {
      if (reader.peek() == Kind::Object)
        race.variable = readVariable(reader);
      else
        reader.skip();
    } else
      reader.skip();
  });
  return race;
}

bool looksLikeFrame(const Json &value) {
  return value.is_object() && value.contains("function") &&
         value.contains("file");
}

// Kind objects hold no frames in this stream version; should a newer
// runtime add some, they are demangled like every other frame.
void normaliseFramesIn(Json &value) {
  if (looksLikeFrame(value)) {
    value = Json(value.get<Frame>());
    return;
  }
  if (value.is_structured())
    for (Json &child : value)
      normaliseFramesIn(child);
}

} // namespace

Frame readFrame(JsonReader &reader) {
  Frame frame;
  Text function;
  readObject(reader, [&](std::string_view key) {
    if (key == "function")
      function = readText(reader);
    else if (key == "linkage_name")
      frame.linkageName = readText(reader);
    else if (key == "file")
      frame.file = readText(reader);
    else if (key == "line")
      frame.line = readInteger(reader).value_or(0);
    else if (key == "column")
      frame.column = readInteger(reader).value_or(0);
    else if (key == "inlined")
      frame.inlined = readBool(reader).value_or(false);
    else if (key == "module")
      frame.module = readText(reader);
    else
      reader.skip();
  });
  if (function.empty())
    function = Text("??");
  if (frame.linkageName.present()) {
    frame.function = function;
  } else {
    frame.function = demangled(function);
    if (!(frame.function == function))
      frame.linkageName = function;
  }
  if (!frame.file.present())
    frame.file = Text("");
  return frame;
}

static void checkListLength(const JsonReader &reader, size_t length,
                            const char *what) {
  if (length > kMaxFindingListLength)
    throw JsonLimitError(fmt::format("a finding with more than {} {}",
                                     kMaxFindingListLength, what),
                         reader.offset());
}

void readFindingMember(JsonReader &reader, std::string_view key,
                       Finding &finding) {
  if (key == "kind")
    finding.kind = readText(reader);
  else if (key == "message") {
    if (reader.peek() == Kind::String)
      finding.message = std::string(reader.string());
    else
      reader.skip();
  } else if (key == "location")
    finding.location = readFrame(reader);
  else if (key == "fingerprint") {
    if (reader.peek() == Kind::String)
      finding.fingerprint = std::string(reader.string());
    else
      reader.skip();
  } else if (key == "count")
    finding.count = std::max<int64_t>(1, readInteger(reader).value_or(1));
  else if (key == "baseline")
    finding.baseline = readBool(reader).value_or(false);
  else if (key == "fails_gate")
    finding.failsGate = readBool(reader).value_or(true);
  else if (key == "stacks") {
    readArray(reader, [&] { finding.stacks.push_back(readStack(reader)); });
    checkListLength(reader, finding.stacks.size(), "stacks");
  } else if (key == "threads") {
    readArray(reader, [&] { finding.threads.push_back(readThread(reader)); });
    checkListLength(reader, finding.threads.size(), "threads");
  } else if (key == "race") {
    if (reader.peek() == Kind::Object) {
      finding.race = readRace(reader);
      checkListLength(reader, finding.race->accesses.size(), "accesses");
      for (const Access &access : finding.race->accesses)
        checkListLength(reader, access.locksHeld.size(),
                        "locks held by an access");
    } else {
      reader.skip();
    }
  } else if (key == "type" || key == "seq" || key == "pid" || key == "mac")
    reader.skip();
  else {
    std::string name(key);
    Json value = reader.value();
    normaliseFramesIn(value);
    finding.details.set(name, value);
  }
}


Finding readFinding(JsonReader &reader) { return readFinding(reader, {}); }

Finding readFinding(JsonReader &reader,
                    const std::function<bool(std::string_view)> &isHeld) {
  Finding finding;
  bool isRepeat = false;
  readObject(reader, [&](std::string_view key) {
    if (isRepeat && key != "count" && key != "baseline") {
      reader.skip();
      return;
    }
    readFindingMember(reader, key, finding);
    if (key == "fingerprint" && isHeld && !finding.fingerprint.empty())
      isRepeat = isHeld(finding.fingerprint);
  });

  if (finding.kind.empty())
    finding.kind = Text("unknown");
  return finding;
}

} // namespace racegate

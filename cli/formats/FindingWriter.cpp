#include "FindingWriter.h"

namespace racegate {

namespace {

void writeNullable(JsonWriter &out, JsonWriter::Key key,
                   const std::optional<int64_t> &value) {
  out.key(key);
  if (value)
    out.integer(*value);
  else
    out.null();
}

void writeIfPresent(JsonWriter &out, JsonWriter::Key key,
                    const std::optional<int64_t> &value) {
  if (value)
    out.member(key, *value);
}

void writeFrames(JsonWriter &out, JsonWriter::Key key, const Frames &frames) {
  out.key(key);
  out.beginArray();
  for (const Frame &frame : frames)
    writeFrame(out, frame);
  out.endArray();
}

void writeStack(JsonWriter &out, const Stack &stack) {
  out.beginObject();
  writeNullable(out, "thread", stack.thread);
  out.member("description", stack.description);
  writeFrames(out, "frames", stack.frames);
  out.endObject();
}

void writeThread(JsonWriter &out, const ThreadInfo &thread) {
  out.beginObject();
  writeNullable(out, "id", thread.id);
  writeNullable(out, "parent", thread.parent);
  writeFrames(out, "creation_stack", thread.creationStack);
  out.endObject();
}

void writeLock(JsonWriter &out, const HeldLock &lock) {
  out.beginObject();
  if (!lock.address.is_null())
    out.member("address", lock.address);
  if (lock.exclusive)
    out.member("exclusive", *lock.exclusive);
  writeFrames(out, "acquired_at", lock.acquiredAt);
  out.endObject();
}

void writeAccess(JsonWriter &out, const Access &access) {
  out.beginObject();
  writeIfPresent(out, "thread", access.thread);
  if (access.operation.present())
    out.member("operation", access.operation);
  writeIfPresent(out, "size", access.size);
  if (access.atomic)
    out.member("atomic", *access.atomic);
  if (!access.address.is_null())
    out.member("address", access.address);
  out.key("locks_held");
  out.beginArray();
  for (const HeldLock &lock : access.locksHeld)
    writeLock(out, lock);
  out.endArray();
  out.endObject();
}

void writeVariable(JsonWriter &out, const Variable &variable) {
  out.beginObject();
  if (variable.kind.present())
    out.member("kind", variable.kind);
  if (variable.name.present())
    out.member("name", variable.name);
  if (!variable.address.is_null())
    out.member("address", variable.address);
  writeIfPresent(out, "size", variable.size);
  writeIfPresent(out, "offset", variable.offset);
  if (variable.file.present())
    out.member("file", variable.file);
  writeIfPresent(out, "line", variable.line);
  writeIfPresent(out, "thread", variable.thread);
  if (variable.allocationStack)
    writeFrames(out, "allocation_stack", *variable.allocationStack);
  if (variable.frame) {
    out.key("frame");
    writeFrame(out, *variable.frame);
  }
  out.endObject();
}

void writeRace(JsonWriter &out, const Race &race) {
  out.beginObject();
  out.key("accesses");
  out.beginArray();
  for (const Access &access : race.accesses)
    writeAccess(out, access);
  out.endArray();
  if (race.variable) {
    out.key("variable");
    writeVariable(out, *race.variable);
  }
  out.endObject();
}

} // namespace

void writeFrame(JsonWriter &out, const Frame &frame) {
  out.beginObject();
  out.member("function", frame.function);
  out.member("file", frame.file);
  out.member("line", frame.line);
  out.member("column", frame.column);
  if (frame.inlined)
    out.member("inlined", true);
  if (frame.module.present())
    out.member("module", frame.module);
  if (frame.linkageName.present())
    out.member("linkage_name", frame.linkageName);
  out.endObject();
}

void writeFinding(JsonWriter &out, const Finding &finding) {
  out.beginObject();
  out.member("kind", finding.kind);
  out.member("message", finding.message);
  out.key("location");
  out.beginObject();
  out.member("file", finding.location.file);
  out.member("line", finding.location.line);
  out.member("column", finding.location.column);
  out.member("function", finding.location.function);
  out.endObject();
  out.member("fingerprint", finding.fingerprint);
  out.member("count", finding.count);
  out.member("baseline", finding.baseline);
  out.member("fails_gate", finding.failsGate);
  out.key("stacks");
  out.beginArray();
  for (const Stack &stack : finding.stacks)
    writeStack(out, stack);
  out.endArray();
  out.key("threads");
  out.beginArray();
  for (const ThreadInfo &thread : finding.threads)
    writeThread(out, thread);
  out.endArray();
  if (finding.race) {
    out.key("race");
    writeRace(out, *finding.race);
  }
  if (!finding.details.empty())
    out.rawMembers(finding.details.members());
  out.endObject();
}

} // namespace racegate

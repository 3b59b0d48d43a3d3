#pragma once

// The typed report model: what a findings stream record and a report
// finding hold (docs/findings-stream.md, docs/report-format.md). Records
// are parsed into these once; normalisation, fingerprints, the gate, merge
// and the formats work on them.

#include "Json.h"
#include "Text.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace racegate {

struct Frame {
  Text function;    // demangled; "??" when unknown
  Text linkageName; // the mangled name, when demangling changed it
  Text file;        // "" when unknown
  int64_t line = 0;
  int64_t column = 0;
  bool inlined = false;
  Text module; // optional; matched by `called_from_lib` suppressions
};
using Frames = std::vector<Frame>;

struct Stack {
  std::optional<int64_t> thread;
  Text description;
  Frames frames; // innermost first
};

struct ThreadInfo {
  std::optional<int64_t> id;
  std::optional<int64_t> parent;
  Frames creationStack;
};

struct HeldLock {
  Json address; // as written: a "0x..." string
  std::optional<bool> exclusive;
  Frames acquiredAt;
};

struct Access {
  std::optional<int64_t> thread;
  Text operation;
  std::optional<int64_t> size;
  std::optional<bool> atomic;
  Json address;
  std::vector<HeldLock> locksHeld;
};

// The raced-on memory: a global, a heap block, a stack variable or unknown.
struct Variable {
  Text kind;
  Text name;
  Json address;
  std::optional<int64_t> size;
  std::optional<int64_t> offset;
  Text file;
  std::optional<int64_t> line;
  std::optional<int64_t> thread;
  std::optional<Frames> allocationStack;
  std::optional<Frame> frame; // stack variables: the function's frame
};

struct Race {
  std::vector<Access> accesses;
  std::optional<Variable> variable;
};

// The kind's own object (`cycle`, `deadlock`, `stall`, `misuse`, ...) and
// members a newer runtime may add, in record order. They are small, hold no
// frames in this stream version and are read only to write messages and
// code flows, so they are kept as their compact JSON text: a tree per
// finding would cost more memory than all its frames.
class KindDetails {
public:
  bool empty() const { return text.empty(); }
  bool contains(std::string_view key) const;
  // Adds a member, or replaces the one of that name in place.
  void set(const std::string &key, const Json &value);
  // The members as one object.
  Json json() const;
  // `"key":value,...` as compactJson writes an object's members.
  const std::string &members() const { return text; }

private:
  std::string text;
};

// One finding. Fields after `failsGate` are the stream record's; the ones
// before are what the report adds.
struct Finding {
  Text kind;
  std::string message;
  Frame location;
  std::string fingerprint;
  int64_t count = 1;
  bool baseline = false;
  bool failsGate = true;

  std::vector<Stack> stacks;
  std::vector<ThreadInfo> threads;
  std::optional<Race> race;
  KindDetails details;
};

// The findings of a report. A deque: it grows without moving what it holds
// or keeping a second, larger array while it does, which for 100,000
// findings of 464 bytes would be a peak of twice their size.
using Findings = std::deque<Finding>;

// Frames from a stream record or a report: the function demangled (the
// mangled name kept in linkageName), missing fields filled in.
void from_json(const Json &json, Frame &frame);
void to_json(Json &json, const Frame &frame);

void to_json(Json &json, const Stack &stack);
void to_json(Json &json, const ThreadInfo &thread);
void to_json(Json &json, const HeldLock &lock);
void to_json(Json &json, const Access &access);
void to_json(Json &json, const Variable &variable);
void to_json(Json &json, const Race &race);

// A stream record (`type` and sequence numbers are ignored) or a report
// finding. Tolerant: a missing or mistyped field takes its default rather
// than losing the rest of the report.
void from_json(const Json &json, Finding &finding);
// A report finding (docs/report-format.md), keys in the documented order.
void to_json(Json &json, const Finding &finding);

// The frame that stands for a list of frames: the innermost in the user's
// code, else the innermost, else nullptr.
const Frame *primaryFrame(const Frames &frames);
bool isUserFrame(const Frame &frame);

} // namespace racegate

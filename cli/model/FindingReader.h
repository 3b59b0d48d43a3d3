#pragma once

#include "Finding.h"
#include "JsonReader.h"

#include <functional>
#include <string_view>

namespace racegate {

// At most this many stacks, threads, accesses, or locks held by one
// access, in one finding: twice the runtime's 65,536 threads (a cycle has
// two stacks per thread). Each is copied into the tree the message is
// written from, so a hostile record of `{}` stacks would cost hundreds of
// bytes of memory per two bytes of input.
inline constexpr size_t kMaxFindingListLength = size_t(1) << 17;

// Reads a stream record or a report finding straight into the model.
// Tolerant of what a newer or odd writer may do: a missing or mistyped
// member takes its default, unknown members go to `details`. Malformed JSON
// is a JsonReadError; longer lists than kMaxFindingListLength a
// JsonLimitError.
Finding readFinding(JsonReader &reader);
// The same for a report finding that may repeat one already held: once its
// `fingerprint` is read and `isHeld` says so, only `count` and `baseline`
// are read into the model and the rest is skipped (still checked as JSON):
// merging adds a repeat's count and baseline, nothing else.
Finding readFinding(JsonReader &reader,
                    const std::function<bool(std::string_view)> &isHeld);
Frame readFrame(JsonReader &reader);
// One member of a finding object (for readers of records that carry more).
void readFindingMember(JsonReader &reader, std::string_view key,
                       Finding &finding);

} // namespace racegate

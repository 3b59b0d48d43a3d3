#pragma once

#include "Finding.h"
#include "JsonReader.h"

namespace racegate {

// Reads a stream record or a report finding straight into the model.
// Tolerant of what a newer or odd writer may do: a missing or mistyped
// member takes its default, unknown members go to `details`. Malformed JSON
// is a JsonReadError.
Finding readFinding(JsonReader &reader);
Frame readFrame(JsonReader &reader);
// One member of a finding object (for readers of records that carry more).
void readFindingMember(JsonReader &reader, std::string_view key,
                       Finding &finding);

} // namespace racegate

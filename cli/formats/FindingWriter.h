#pragma once

// A report finding (docs/report-format.md) written straight from the model,
// keys in the documented order: the same JSON as to_json(Finding), without
// the tree.

#include "Finding.h"
#include "JsonWriter.h"

namespace racegate {

void writeFrame(JsonWriter &out, const Frame &frame);
void writeFinding(JsonWriter &out, const Finding &finding);

} // namespace racegate

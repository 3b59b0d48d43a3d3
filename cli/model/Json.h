#pragma once

#include <nlohmann/json.hpp>

namespace racegate {

// Reports are read by people as well as programs, so keys keep the order in
// which they were inserted (schema order, stream order) rather than sorting.
using Json = nlohmann::ordered_json;

} // namespace racegate

#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace racegate {

// Reports are read by people as well as programs, so keys keep the order in
// which they were inserted (schema order, stream order) rather than sorting.
using Json = nlohmann::ordered_json;

// `value` as racegate writes JSON: compact; invalid UTF-8 (impossible from
// the model, which repairs its input) becomes U+FFFD rather than an
// exception.
inline std::string compactJson(const Json &value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace racegate

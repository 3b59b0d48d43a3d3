#include "JsonFields.h"

#include <fmt/core.h>

namespace racegate {

const Json *findMember(const Json &object, const char *key) {
  if (!object.is_object())
    return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string stringField(const Json &object, const char *key,
                        const std::string &fallback) {
  const Json *value = findMember(object, key);
  return value && value->is_string() ? value->get<std::string>() : fallback;
}

std::optional<long long> integerField(const Json &object, const char *key) {
  const Json *value = findMember(object, key);
  if (!value || !value->is_number_integer())
    return std::nullopt;
  return value->get<long long>();
}

bool isTrueField(const Json &object, const char *key) {
  const Json *value = findMember(object, key);
  return value && value->is_boolean() && value->get<bool>();
}

std::string scalarText(const Json &value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_number_float())
    return fmt::format("{:g}", value.get<double>());
  return value.dump();
}

} // namespace racegate

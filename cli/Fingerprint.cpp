#include "Fingerprint.h"

#include "JsonFields.h"

#include <fmt/core.h>

#include <algorithm>
#include <vector>

namespace racegate {

namespace {

constexpr size_t kFramesPerStack = 3;
// Separators that cannot occur in file or symbol names, so that distinct
// (file, function) lists can never serialise to the same bytes.
constexpr char kFieldSeparator = '\x1f';
constexpr char kFrameSeparator = '\x1e';
constexpr char kStackSeparator = '\x1d';

std::string basename(const std::string &path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stackSignature(const Json &stack) {
  std::string signature;
  const Json *frames = findMember(stack, "frames");
  if (!frames || !frames->is_array())
    return signature;
  size_t taken = 0;
  for (const Json &frame : *frames) {
    if (taken++ == kFramesPerStack)
      break;
    std::string function = stringField(frame, "linkage_name");
    if (function.empty())
      function = stringField(frame, "function");
    signature += basename(stringField(frame, "file"));
    signature += kFieldSeparator;
    signature += function;
    signature += kFrameSeparator;
  }
  return signature;
}

} // namespace

uint64_t fnv1a64(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string fingerprintFinding(const Json &finding) {
  std::vector<std::string> signatures;
  if (const Json *stacks = findMember(finding, "stacks");
      stacks && stacks->is_array()) {
    for (const Json &stack : *stacks)
      if (stack.is_object())
        signatures.push_back(stackSignature(stack));
  }
  std::sort(signatures.begin(), signatures.end());

  std::string canonical = stringField(finding, "kind");
  for (const std::string &signature : signatures) {
    canonical += kStackSeparator;
    canonical += signature;
  }
  return fmt::format("{:016x}", fnv1a64(canonical));
}

} // namespace racegate

#include "Fingerprint.h"

#include "Frames.h"
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

std::string frameSignature(const Json &frame) {
  std::string function = stringField(frame, "linkage_name");
  if (function.empty())
    function = stringField(frame, "function");
  return basename(stringField(frame, "file")) + kFieldSeparator + function +
         kFrameSeparator;
}

std::string stackSignature(const Json &stack) {
  const Json *frames = findMember(stack, "frames");
  if (!frames || !frames->is_array())
    return "";
  bool hasUserFrame = std::any_of(frames->begin(), frames->end(),
                                  [](const Json &f) { return isUserFrame(f); });
  std::string signature;
  size_t taken = 0;
  for (const Json &frame : *frames) {
    if (taken == kFramesPerStack)
      break;
    // A stack entirely in system code (no debug info for the user's part)
    // still needs a signature; then its innermost frames are all there is.
    if (hasUserFrame && !isUserFrame(frame))
      continue;
    signature += frameSignature(frame);
    ++taken;
  }
  return signature;
}

// The name of a raced-on global: stable across runs, and what tells two
// races in the same function apart. Heap and stack addresses are not stable.
std::string variableSignature(const Json &finding) {
  const Json *race = findMember(finding, "race");
  const Json *variable = race ? findMember(*race, "variable") : nullptr;
  if (!variable || stringField(*variable, "kind") != "global")
    return "";
  return stringField(*variable, "name");
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
  // Sorted so stack order does not matter; de-duplicated so that the number
  // of threads stuck at one site (often the size of a thread pool, which
  // varies between machines) does not either.
  std::sort(signatures.begin(), signatures.end());
  signatures.erase(std::unique(signatures.begin(), signatures.end()),
                   signatures.end());

  std::string canonical = stringField(finding, "kind");
  if (std::string variable = variableSignature(finding); !variable.empty()) {
    canonical += kFieldSeparator;
    canonical += variable;
  }
  for (const std::string &signature : signatures) {
    canonical += kStackSeparator;
    canonical += signature;
  }
  return fmt::format("{:016x}", fnv1a64(canonical));
}

} // namespace racegate

#include "Fingerprint.h"

#include "Frames.h"

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

std::string_view basename(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

void appendFrameSignature(std::string &out, const Frame &frame) {
  out += basename(frame.file.view());
  out += kFieldSeparator;
  out += frame.linkageName.empty() ? frame.function.view()
                                   : frame.linkageName.view();
  out += kFrameSeparator;
}

std::string stackSignature(const Frames &frames) {
  bool hasUserFrame = std::any_of(frames.begin(), frames.end(),
                                  [](const Frame &f) { return isUserFrame(f); });
  std::string signature;
  size_t taken = 0;
  for (const Frame &frame : frames) {
    if (taken == kFramesPerStack)
      break;
    // A stack entirely in system code (no debug info for the user's part)
    // still needs a signature; then its innermost frames are all there is.
    if (hasUserFrame && !isUserFrame(frame))
      continue;
    appendFrameSignature(signature, frame);
    ++taken;
  }
  return signature;
}

// The name of a raced-on global: stable across runs, and what tells two
// races in the same function apart. Heap and stack addresses are not stable.
std::string_view variableSignature(const Finding &finding) {
  if (!finding.race || !finding.race->variable ||
      finding.race->variable->kind.view() != "global")
    return "";
  return finding.race->variable->name.view();
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

std::string fingerprintFinding(const Finding &finding) {
  std::vector<std::string> signatures;
  signatures.reserve(finding.stacks.size());
  for (const Stack &stack : finding.stacks)
    signatures.push_back(stackSignature(stack.frames));
  // Sorted so stack order does not matter; de-duplicated so that the number
  // of threads stuck at one site (often the size of a thread pool, which
  // varies between machines) does not either.
  std::sort(signatures.begin(), signatures.end());
  signatures.erase(std::unique(signatures.begin(), signatures.end()),
                   signatures.end());

  std::string canonical = finding.kind.str();
  if (std::string_view variable = variableSignature(finding);
      !variable.empty()) {
    canonical += kFieldSeparator;
    canonical += variable;
  }
  for (const std::string &signature : signatures) {
    canonical += kStackSeparator;
    canonical += signature;
  }
  return fmt::format("{:016x}", fnv1a64(canonical));
}

std::string fingerprintFinding(const Json &finding) {
  return fingerprintFinding(finding.get<Finding>());
}

} // namespace racegate

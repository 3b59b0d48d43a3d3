//===- SiteRegistry.h - source sites and globals of instrumented modules --===//
#ifndef RACEGATE_CORE_SITEREGISTRY_H
#define RACEGATE_CORE_SITEREGISTRY_H

#include "SpinLock.h"
#include "Types.h"
#include "racegate/RuntimeAbi.h"

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace racegate {

/// One frame of a reported stack.
struct Frame {
  std::string Function;
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  bool Inlined = false;
};

/// A global variable that an instrumented module defines.
struct GlobalVariableInfo {
  uintptr_t Address = 0;
  uint64_t Size = 0;
  std::string Name;
  std::string File;
  unsigned Line = 0;
};

class SiteRegistry {
public:
  static constexpr uint32_t Capacity = 1u << 26;

  SiteRegistry();
  ~SiteRegistry();
  SiteRegistry(const SiteRegistry &) = delete;
  SiteRegistry &operator=(const SiteRegistry &) = delete;

  /// Registers a module's site texts and returns the id of its first site.
  SiteId addSites(const char *const *Texts, uint32_t Count);
  void addGlobals(const abi::GlobalRecord *Records, uint32_t Count);

  /// The frames of a site, innermost first (several when code was inlined).
  std::vector<Frame> frames(SiteId Id) const;
  /// The innermost "file:line:column" of a site, for de-duplication.
  std::string_view location(SiteId Id) const;

  std::optional<GlobalVariableInfo> findGlobal(uintptr_t Addr) const;

  /// Offers the lock to \p Visit, for holding every lock across fork().
  template <typename Fn> bool forEachLock(Fn &&Visit) {
    return Visit(GlobalsLock);
  }

private:
  std::atomic<const char *> *Texts;
  std::atomic<uint32_t> Next{1};
  mutable SpinLock GlobalsLock;
  std::vector<GlobalVariableInfo> Globals; // sorted by address
};

} // namespace racegate

#endif

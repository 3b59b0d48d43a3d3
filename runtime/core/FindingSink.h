//===- FindingSink.h - where the detector's findings go -------------------===//
#ifndef RACEGATE_CORE_FINDINGSINK_H
#define RACEGATE_CORE_FINDINGSINK_H

#include <string_view>

namespace racegate {

/// Receives each finding, as one JSON object of the findings stream
/// (docs/findings-stream.md), the moment it is made.
class FindingSink {
public:
  virtual ~FindingSink() = default;
  virtual void emit(std::string_view JsonRecord) = 0;
};

} // namespace racegate

#endif

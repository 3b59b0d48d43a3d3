//===- VectorClock.h - happens-before as a vector of logical clocks -------===//
#ifndef RACEGATE_CORE_VECTORCLOCK_H
#define RACEGATE_CORE_VECTORCLOCK_H

#include "Types.h"

#include <algorithm>
#include <vector>

namespace racegate {

class VectorClock {
public:
  Clock get(Tid T) const { return T < Clocks.size() ? Clocks[T] : 0; }

  void set(Tid T, Clock C) {
    if (T >= Clocks.size())
      Clocks.resize(T + 1, 0);
    Clocks[T] = C;
  }

  /// Pointwise maximum: afterwards this clock has seen everything \p Other
  /// has seen.
  void join(const VectorClock &Other) {
    if (Other.Clocks.size() > Clocks.size())
      Clocks.resize(Other.Clocks.size(), 0);
    for (size_t I = 0, E = Other.Clocks.size(); I < E; ++I)
      Clocks[I] = std::max(Clocks[I], Other.Clocks[I]);
  }

  /// Pointwise minimum: afterwards this clock has seen only what both had
  /// seen (what is known whichever of two events came first).
  void meet(const VectorClock &Other) {
    if (Clocks.size() > Other.Clocks.size())
      Clocks.resize(Other.Clocks.size());
    for (size_t I = 0, E = Clocks.size(); I < E; ++I)
      Clocks[I] = std::min(Clocks[I], Other.Clocks[I]);
  }

  /// Whether every event this clock has seen happens before \p Other.
  bool lessOrEqual(const VectorClock &Other) const {
    for (size_t I = 0, E = Clocks.size(); I < E; ++I)
      if (Clocks[I] > Other.get(static_cast<Tid>(I)))
        return false;
    return true;
  }

  size_t size() const { return Clocks.size(); }
  void clear() { Clocks.clear(); }

private:
  std::vector<Clock> Clocks;
};

} // namespace racegate

#endif

#pragma once

// The SARIF `codeFlows` of a finding: the interleaving that exhibits it (the
// two accesses of a data race in order; the acquisitions and then the
// blocking requests of a lock cycle or deadlock).

#include "Finding.h"
#include "SarifParts.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace racegate {

// One step of a thread flow: a stack (itself in the result's `stacks`; the
// step names its place) and the step's kinds.
struct FlowStep {
  const Stack *stack;
  std::vector<std::string> kinds;
};

// Each thread's steps in order; the `int` of a step is its phase: all
// phase-0 steps (of all threads) happen before all phase-1 steps, which is
// exactly the interleaving that deadlocks.
struct ThreadSteps {
  std::string thread;
  std::vector<std::pair<int, FlowStep>> steps;
};

struct CodeFlow {
  std::string message;
  std::vector<ThreadSteps> threads;
};

// The finding's interleaving, or nullopt when the kind has none to show or
// the finding's stacks do not have the expected layout
// (docs/report-format.md).
std::optional<CodeFlow> planCodeFlow(const Finding &finding);

// The `codeFlows` array of one code flow.
void writeCodeFlows(JsonWriter &out, const CodeFlow &flow,
                    SarifLocations &locations);

} // namespace racegate

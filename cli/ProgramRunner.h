#pragma once

#include "Json.h"

#include <string>
#include <vector>

namespace racegate {

struct RunRequest {
  std::vector<std::string> command; // the program and its arguments
  unsigned timeoutSeconds = 0;      // 0: no timeout
};

// How long after the runtime's own timeout racegate kills the program: the
// grace lets the runtime write its `timeout` finding (with every thread's
// stack) first, which is far more useful than a bare kill.
inline constexpr unsigned kKillGraceSeconds = 3;

// Runs an instrumented program with a fresh findings stream and returns the
// report. Throws ToolError when the program is missing, not instrumented,
// does not start the runtime, or leaves a corrupt stream (which is then kept
// on disk and named in the message).
Json runInstrumentedProgram(const RunRequest &request);

} // namespace racegate

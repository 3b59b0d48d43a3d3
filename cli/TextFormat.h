#pragma once

#include "Json.h"

#include <string>

namespace racegate {

// Renders a report in the style of compiler diagnostics, so editors and CI
// log parsers that understand "FILE:LINE:COL: error:" pick findings up:
//
//   FILE:LINE:COL: error: MESSAGE [kind]
//   FILE:LINE:COL: note: DESCRIPTION (thread T)
//     #0 function file:line:col
//   ...
//   racegate: N findings (K kind, ...)
//
// `useColour` adds ANSI colours; the caller decides (terminals only).
std::string formatTextReport(const Json &report, bool useColour);

} // namespace racegate

#pragma once

// Opening the files racegate writes without harming the user's: a report
// or binary never lands on a file given as input, and report files are not
// opened through symbolic links (a link planted at a predictable name in a
// shared directory would redirect the write).

#include <string>
#include <string_view>
#include <vector>

namespace racegate {

// Throws ToolError when `target` names the same file as one of `inputs`
// (after resolving links and relative paths), e.g. `check v.c -o v.c`, or
// is a directory: found before any slow work rather than after it. `what`
// names the inputs in the message ("input file").
void refuseToClobber(const std::string &target,
                     const std::vector<std::string> &inputs,
                     std::string_view option,
                     std::string_view what = "input file");

// Opens `path` for writing with O_NOFOLLOW (and O_EXCL when `exclusive`:
// the file must not exist yet); returns the descriptor or -1 with errno.
int openReportFile(const std::string &path, bool exclusive);

} // namespace racegate

#pragma once

#include <filesystem>
#include <string>

namespace racegate {

enum class BinaryVerdict {
  Instrumented,    // ELF executable with a __racegate_ symbol
  NotInstrumented, // ELF executable without one
  NotExecutable,   // ELF, but a relocatable object or core file
  NotElf,          // a script, text, or a truncated/garbled ELF
  Unreadable,      // cannot be opened or mapped
};

// Decides whether `path` was linked with the racegate runtime by looking for
// a symbol whose name starts with "__racegate_" in .symtab and .dynsym. The
// runtime is linked with -rdynamic, so .dynsym still has one after `strip`.
// Running the program is the only other way to find out, and by then the
// user has waited for a run that cannot report anything.
BinaryVerdict inspectBinary(const std::filesystem::path &path);

} // namespace racegate

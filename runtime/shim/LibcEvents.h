//===- LibcEvents.h - what the libc interceptors tell the detector --------===//
//
// The interceptors of string and I/O functions live in a file that must not
// see libc's own declarations of them (C++ overloads and exception
// specifications would clash); this is all they need from the runtime.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_SHIM_LIBCEVENTS_H
#define RACEGATE_SHIM_LIBCEVENTS_H

#include <cstddef>
#include <cstdint>

namespace racegate::shim::libc {

/// Whether the calling thread's libc calls are checked now (a tracked
/// thread, not inside the runtime).
bool tracked();
/// One range access by the calling thread at the call's site \p Site.
void readRange(const void *Addr, size_t Size, uint32_t Site);
void writeRange(const void *Addr, size_t Size, uint32_t Site);

// File descriptors. A use reads the descriptor and close writes it, so a
// close racing with a use is a race; data written into a pipe, socket or
// file is released into the file and acquired by the read that gets it.
void fdUsed(int Fd, uint32_t Site);
void fdClosed(int Fd, uint32_t Site);
void fdReleased(int Fd);
void fdAcquired(int Fd);
/// \p To now names what \p From does (dup, dup2, dup3).
void fdCopied(int From, int To);

// flockfile/funlockfile/ftrylockfile are a recursive lock on the FILE.
void fileLock(void *File, uint32_t Site, void (*Lock)(void *),
              int (*TryLock)(void *));
int fileTryLock(void *File, uint32_t Site, int (*TryLock)(void *));
void fileUnlocked(void *File, uint32_t Site);

} // namespace racegate::shim::libc

#endif

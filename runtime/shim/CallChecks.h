//===- CallChecks.h - pthread and semaphore calls that fail ---------------===//
//
// A synchronization call that fails with EINVAL (not an initialized object,
// a bad argument), EPERM (not the owner) or EDEADLK (the caller would wait
// for itself) means the program misuses the primitive, even when it checks
// the result: it is reported as sync_call_failed with the error's name.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_SHIM_CALLCHECKS_H
#define RACEGATE_SHIM_CALLCHECKS_H

#include "Runtime.h"

#include <cerrno>
#include <string>

namespace racegate::shim {

inline const char *misuseErrorName(int Error) {
  switch (Error) {
  case EINVAL:
    return "EINVAL";
  case EPERM:
    return "EPERM";
  case EDEADLK:
    return "EDEADLK";
  default:
    return nullptr;
  }
}

/// \p Status is what \p Call returned (a pthread error number); reported
/// when it is one of the misuse errors. Returns \p Status.
inline int checkCall(int Status, const char *Call, const volatile void *Object,
                     SiteId Site) {
  const char *Name = misuseErrorName(Status);
  if (__builtin_expect(Name != nullptr, 0))
    if (ThreadState *T = activeThread())
      TheDetector->reportCallMisuse(
          *T, "sync_call_failed", reinterpret_cast<uintptr_t>(Object), Site,
          std::string("calls ") + Call + ", which fails with " + Name, Call,
          Name);
  return Status;
}

/// The same for calls that return -1 and set errno (semaphores).
inline int checkErrnoCall(int Result, const char *Call,
                          const volatile void *Object, SiteId Site) {
  if (Result == -1) {
    int Saved = errno;
    checkCall(Saved, Call, Object, Site);
    errno = Saved;
  }
  return Result;
}

} // namespace racegate::shim

#endif

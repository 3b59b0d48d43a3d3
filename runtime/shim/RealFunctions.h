//===- RealFunctions.h - the libc functions the interceptors wrap ---------===//
#ifndef RACEGATE_SHIM_REALFUNCTIONS_H
#define RACEGATE_SHIM_REALFUNCTIONS_H

#include <cstdint>
#include <pthread.h>
#include <signal.h>
#include <semaphore.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>

namespace racegate::real {

// Resolved from the next definition after the program's own (libc's), once,
// before the program's constructors run.
#define RACEGATE_REAL_FUNCTION(Ret, Name, Version, ...)                       \
  extern Ret (*Name)(__VA_ARGS__);
#include "RealFunctions.def"
#undef RACEGATE_REAL_FUNCTION

void resolve();

} // namespace racegate::real

#endif

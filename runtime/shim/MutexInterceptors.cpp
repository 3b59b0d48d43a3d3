//===- MutexInterceptors.cpp - pthread mutexes ----------------------------===//
//
// std::mutex, std::timed_mutex, std::recursive_mutex and their lock guards
// all reach these functions.
//
//===----------------------------------------------------------------------===//
#include "LockProtocol.h"
#include "RealFunctions.h"

using namespace racegate;
using namespace racegate::shim;

namespace {
/// What relocking does, from the mutex's type (glibc keeps it in __kind).
Detector::Relock relockKind(const pthread_mutex_t *M) {
  switch (M->__data.__kind & 3) {
  case PTHREAD_MUTEX_RECURSIVE_NP:
    return Detector::Relock::Recursive;
  case PTHREAD_MUTEX_ERRORCHECK_NP:
    return Detector::Relock::Fails;
  default:
    return Detector::Relock::Hangs;
  }
}
} // namespace

extern "C" {

int pthread_mutex_lock(pthread_mutex_t *M) {
  ensureInitialized();
  return acquireLock(
      M, takeCallSite(), true, relockKind(M), false,
      [&] { return real::pthread_mutex_trylock(M); },
      [&] { return real::pthread_mutex_lock(M); });
}

int pthread_mutex_trylock(pthread_mutex_t *M) {
  ensureInitialized();
  return tryAcquireLock(M, takeCallSite(), true,
                        [&] { return real::pthread_mutex_trylock(M); });
}

int pthread_mutex_timedlock(pthread_mutex_t *M, const struct timespec *At) {
  ensureInitialized();
  return acquireLock(
      M, takeCallSite(), true, relockKind(M), true,
      [&] { return real::pthread_mutex_trylock(M); },
      [&] { return real::pthread_mutex_timedlock(M, At); });
}

int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t Clock,
                            const struct timespec *At) {
  ensureInitialized();
  return acquireLock(
      M, takeCallSite(), true, relockKind(M), true,
      [&] { return real::pthread_mutex_trylock(M); },
      [&] { return real::pthread_mutex_clocklock(M, Clock, At); });
}

int pthread_mutex_unlock(pthread_mutex_t *M) {
  ensureInitialized();
  releaseLock(M, takeCallSite(),
              relockKind(M) != Detector::Relock::Hangs);
  return real::pthread_mutex_unlock(M);
}

int pthread_mutex_destroy(pthread_mutex_t *M) {
  ensureInitialized();
  destroyLock(M, takeCallSite());
  return real::pthread_mutex_destroy(M);
}

} // extern "C"

//===- MutexInterceptors.cpp - pthread mutexes ----------------------------===//
//
// std::mutex, std::timed_mutex, std::recursive_mutex and their lock guards
// all reach these functions. Unlock publishes the thread's clock before the
// real unlock, so the next owner's acquire always sees it; a try-lock that
// fails synchronizes with nothing.
//
//===----------------------------------------------------------------------===//
#include "RealFunctions.h"
#include "Runtime.h"

using namespace racegate;
using namespace racegate::shim;

namespace {
uintptr_t addressOf(const void *P) { return reinterpret_cast<uintptr_t>(P); }

int afterLock(pthread_mutex_t *M, int Status, SiteId Site) {
  if (Status == 0)
    if (ThreadState *T = activeThread())
      TheDetector->mutexLocked(*T, addressOf(M), Site);
  return Status;
}
} // namespace

extern "C" {

int pthread_mutex_lock(pthread_mutex_t *M) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  return afterLock(M, real::pthread_mutex_lock(M), Site);
}

int pthread_mutex_trylock(pthread_mutex_t *M) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  return afterLock(M, real::pthread_mutex_trylock(M), Site);
}

int pthread_mutex_timedlock(pthread_mutex_t *M, const struct timespec *At) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  return afterLock(M, real::pthread_mutex_timedlock(M, At), Site);
}

int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t Clock,
                            const struct timespec *At) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  return afterLock(M, real::pthread_mutex_clocklock(M, Clock, At), Site);
}

int pthread_mutex_unlock(pthread_mutex_t *M) {
  ensureInitialized();
  if (ThreadState *T = activeThread())
    TheDetector->mutexUnlocked(*T, addressOf(M));
  return real::pthread_mutex_unlock(M);
}

int pthread_mutex_destroy(pthread_mutex_t *M) {
  ensureInitialized();
  if (ThreadState *T = activeThread()) {
    RuntimeScope Busy(*T);
    TheDetector->mutexDestroyed(addressOf(M));
  }
  return real::pthread_mutex_destroy(M);
}

} // extern "C"

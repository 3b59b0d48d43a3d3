//===- MutexInterceptors.cpp - pthread mutexes ----------------------------===//
//
// std::mutex, std::timed_mutex, std::recursive_mutex and their lock guards
// all reach these functions.
//
//===----------------------------------------------------------------------===//
#include "CallChecks.h"
#include "LockProtocol.h"
#include "RealFunctions.h"
#include "SyncHealth.h"

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
/// The robust mutexes this thread holds. When a thread ends holding one,
/// the system releases it and its next owner is told (EOWNERDEAD): that is
/// the recovery robust mutexes exist for, not a leaked lock.
constexpr unsigned MaxRobustHeld = 32;
__thread pthread_mutex_t *RobustHeld[MaxRobustHeld];
__thread unsigned RobustHeldCount;

/// glibc's PTHREAD_MUTEX_PSHARED_BIT of __kind.
bool isProcessShared(const pthread_mutex_t *M) {
  return M->__data.__kind & 128;
}

bool isRobust(const pthread_mutex_t *M) {
  // glibc's PTHREAD_MUTEX_ROBUST_NORMAL_NP bit of __kind.
  constexpr int RobustBit = 16;
  return M->__data.__kind & RobustBit;
}

int noteRobust(pthread_mutex_t *M, int Status) {
  if ((Status == 0 || Status == EOWNERDEAD) && isRobust(M) &&
      RobustHeldCount < MaxRobustHeld)
    RobustHeld[RobustHeldCount++] = M;
  return Status;
}

void forgetRobust(pthread_mutex_t *M) {
  for (unsigned I = RobustHeldCount; I-- > 0;)
    if (RobustHeld[I] == M) {
      RobustHeld[I] = RobustHeld[--RobustHeldCount];
      return;
    }
}
} // namespace

namespace racegate::shim {
void releaseRobustMutexesAtExit(ThreadState &T) {
  while (RobustHeldCount > 0) {
    pthread_mutex_t *M = RobustHeld[--RobustHeldCount];
    if (TheDetector->holdsLock(T, addressOf(M)))
      TheDetector->mutexUnlocked(T, addressOf(M));
  }
}
} // namespace racegate::shim

extern "C" {

// A call on a destroyed or never-initialized mutex is reported as such and
// not tracked (see callOnDeadObject).
#define RACEGATE_IF_DEAD(M, Site, Call, Real)                                  \
  if (Health H = mutexHealth(M); usesDeadObject(M, H, Site, #Call))            \
  return callOnDeadObject(H, [&] { return Real; })

int pthread_mutex_lock(pthread_mutex_t *M) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_IF_DEAD(M, Site, pthread_mutex_lock, real::pthread_mutex_lock(M));
  return checkCall(
      noteRobust(M, acquireLock(
                        M, Site, true, relockKind(M), false,
                        [&] { return real::pthread_mutex_trylock(M); },
                        [&] { return real::pthread_mutex_lock(M); },
                        isProcessShared(M))),
      "pthread_mutex_lock", M, Site);
}

int pthread_mutex_trylock(pthread_mutex_t *M) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_IF_DEAD(M, Site, pthread_mutex_trylock,
                   real::pthread_mutex_trylock(M));
  return noteRobust(
      M, tryAcquireLock(M, Site, true,
                        [&] { return real::pthread_mutex_trylock(M); }));
}

int pthread_mutex_timedlock(pthread_mutex_t *M, const struct timespec *At) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_IF_DEAD(M, Site, pthread_mutex_timedlock,
                   real::pthread_mutex_timedlock(M, At));
  return checkCall(
      noteRobust(M, acquireLock(
                        M, Site, true, relockKind(M), true,
                        [&] { return real::pthread_mutex_trylock(M); },
                        [&] { return real::pthread_mutex_timedlock(M, At); },
                        isProcessShared(M))),
      "pthread_mutex_timedlock", M, Site);
}

int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t Clock,
                            const struct timespec *At) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_IF_DEAD(M, Site, pthread_mutex_clocklock,
                   real::pthread_mutex_clocklock(M, Clock, At));
  return noteRobust(
      M, acquireLock(
             M, Site, true, relockKind(M), true,
             [&] { return real::pthread_mutex_trylock(M); },
             [&] { return real::pthread_mutex_clocklock(M, Clock, At); },
             isProcessShared(M)));
}

int pthread_mutex_unlock(pthread_mutex_t *M) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_IF_DEAD(M, Site, pthread_mutex_unlock,
                   real::pthread_mutex_unlock(M));
  if (isRobust(M))
    forgetRobust(M);
  releaseLock(M, Site, relockKind(M) != Detector::Relock::Hangs);
  return real::pthread_mutex_unlock(M);
}

// A mutex initialized again where a held one lives replaces it: reported,
// and the new one starts unlocked.
int pthread_mutex_init(pthread_mutex_t *M, const pthread_mutexattr_t *A) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (ThreadState *T = activeThread()) {
    if (isRobust(M))
      forgetRobust(M);
    TheDetector->lockInitialized(*T, addressOf(M), Site, "pthread_mutex_init");
  }
  return real::pthread_mutex_init(M, A);
}

int pthread_mutex_destroy(pthread_mutex_t *M) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_IF_DEAD(M, Site, pthread_mutex_destroy,
                   real::pthread_mutex_destroy(M));
  destroyLock(M, Site);
  return real::pthread_mutex_destroy(M);
}

#undef RACEGATE_IF_DEAD

} // extern "C"

//===- SyncInterceptors.cpp - rwlocks, spinlocks, condition variables,
//                            semaphores, barriers and one-time init -----===//
//
// Each primitive is reduced to the detector's vocabulary: a lock that is
// taken (shared or exclusive) and released, or an object that is released
// into and acquired from. A wait that fails or times out acquires nothing.
//
//===----------------------------------------------------------------------===//
#include "RealFunctions.h"
#include "Runtime.h"

using namespace racegate;
using namespace racegate::shim;

namespace {
uintptr_t addressOf(const volatile void *P) {
  return reinterpret_cast<uintptr_t>(P);
}

int afterLock(const volatile void *Lock, int Status, SiteId Site, bool Exclusive) {
  if (Status == 0)
    if (ThreadState *T = activeThread())
      TheDetector->mutexLocked(*T, addressOf(Lock), Site, Exclusive);
  return Status;
}

void beforeUnlock(const volatile void *Lock) {
  if (ThreadState *T = activeThread())
    TheDetector->mutexUnlocked(*T, addressOf(Lock));
}

void releaseInto(const void *Object) {
  if (ThreadState *T = activeThread())
    TheDetector->release(*T, addressOf(Object));
}

int acquireFromIf(const void *Object, int Status) {
  if (Status == 0)
    if (ThreadState *T = activeThread())
      TheDetector->acquire(*T, addressOf(Object));
  return Status;
}

void forget(const volatile void *Object) {
  if (ThreadState *T = activeThread()) {
    RuntimeScope Busy(*T);
    TheDetector->mutexDestroyed(addressOf(Object));
  }
}

/// The routine a thread runs inside pthread_once, and the once control it
/// belongs to; saved and restored so a nested once works too.
__thread void (*OnceRoutine)();
__thread pthread_once_t *OnceControl;

void runOnceRoutine() {
  void (*Routine)() = OnceRoutine;
  pthread_once_t *Control = OnceControl;
  Routine();
  // Everything the initializer did happens before every caller returns.
  releaseInto(Control);
}
} // namespace

extern "C" {

// --- Reader/writer locks ---------------------------------------------------
#define RACEGATE_RWLOCK_ACQUIRE(Name, Exclusive, Params, Args)                 \
  int Name Params {                                                            \
    ensureInitialized();                                                       \
    SiteId Site = takeCallSite();                                              \
    return afterLock(L, real::Name Args, Site, Exclusive);                     \
  }
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_rdlock, false, (pthread_rwlock_t * L),
                        (L))
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_tryrdlock, false,
                        (pthread_rwlock_t * L), (L))
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_timedrdlock, false,
                        (pthread_rwlock_t * L, const struct timespec *At),
                        (L, At))
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_clockrdlock, false,
                        (pthread_rwlock_t * L, clockid_t C,
                         const struct timespec *At),
                        (L, C, At))
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_wrlock, true, (pthread_rwlock_t * L),
                        (L))
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_trywrlock, true,
                        (pthread_rwlock_t * L), (L))
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_timedwrlock, true,
                        (pthread_rwlock_t * L, const struct timespec *At),
                        (L, At))
RACEGATE_RWLOCK_ACQUIRE(pthread_rwlock_clockwrlock, true,
                        (pthread_rwlock_t * L, clockid_t C,
                         const struct timespec *At),
                        (L, C, At))
#undef RACEGATE_RWLOCK_ACQUIRE

int pthread_rwlock_unlock(pthread_rwlock_t *L) {
  ensureInitialized();
  beforeUnlock(L);
  return real::pthread_rwlock_unlock(L);
}

int pthread_rwlock_destroy(pthread_rwlock_t *L) {
  ensureInitialized();
  forget(L);
  return real::pthread_rwlock_destroy(L);
}

// --- Spinlocks -------------------------------------------------------------
int pthread_spin_lock(pthread_spinlock_t *L) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  return afterLock(L, real::pthread_spin_lock(L), Site, true);
}

int pthread_spin_trylock(pthread_spinlock_t *L) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  return afterLock(L, real::pthread_spin_trylock(L), Site, true);
}

int pthread_spin_unlock(pthread_spinlock_t *L) {
  ensureInitialized();
  beforeUnlock(L);
  return real::pthread_spin_unlock(L);
}

int pthread_spin_destroy(pthread_spinlock_t *L) {
  ensureInitialized();
  forget(L);
  return real::pthread_spin_destroy(L);
}

// --- Condition variables ---------------------------------------------------
// Waiting gives the mutex up and takes it back; the mutex carries the
// happens-before. A notify by itself orders nothing.
int pthread_cond_wait(pthread_cond_t *C, pthread_mutex_t *M) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  beforeUnlock(M);
  int Status = real::pthread_cond_wait(C, M);
  afterLock(M, 0, Site, true);
  return Status;
}

int pthread_cond_timedwait(pthread_cond_t *C, pthread_mutex_t *M,
                           const struct timespec *At) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  beforeUnlock(M);
  int Status = real::pthread_cond_timedwait(C, M, At);
  afterLock(M, 0, Site, true);
  return Status;
}

int pthread_cond_clockwait(pthread_cond_t *C, pthread_mutex_t *M,
                           clockid_t Clock, const struct timespec *At) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  beforeUnlock(M);
  int Status = real::pthread_cond_clockwait(C, M, Clock, At);
  afterLock(M, 0, Site, true);
  return Status;
}

int pthread_cond_signal(pthread_cond_t *C) {
  ensureInitialized();
  return real::pthread_cond_signal(C);
}

int pthread_cond_broadcast(pthread_cond_t *C) {
  ensureInitialized();
  return real::pthread_cond_broadcast(C);
}

int pthread_cond_destroy(pthread_cond_t *C) {
  ensureInitialized();
  forget(C);
  return real::pthread_cond_destroy(C);
}

// --- Barriers --------------------------------------------------------------
int pthread_barrier_wait(pthread_barrier_t *B) {
  ensureInitialized();
  releaseInto(B);
  int Status = real::pthread_barrier_wait(B);
  acquireFromIf(B, Status == PTHREAD_BARRIER_SERIAL_THREAD ? 0 : Status);
  return Status;
}

int pthread_barrier_destroy(pthread_barrier_t *B) {
  ensureInitialized();
  forget(B);
  return real::pthread_barrier_destroy(B);
}

// --- One-time initialization ----------------------------------------------
int pthread_once(pthread_once_t *Control, void (*Routine)()) {
  ensureInitialized();
  void (*SavedRoutine)() = OnceRoutine;
  pthread_once_t *SavedControl = OnceControl;
  OnceRoutine = Routine;
  OnceControl = Control;
  int Status = real::pthread_once(Control, runOnceRoutine);
  OnceRoutine = SavedRoutine;
  OnceControl = SavedControl;
  return acquireFromIf(Control, Status);
}

// Function-local statics: the compiler's inline fast path is an acquire load
// of the guard, which pairs with the release published here.
int __cxa_guard_acquire(uint64_t *Guard) {
  ensureInitialized();
  int MustInitialize = real::__cxa_guard_acquire(Guard);
  if (!MustInitialize)
    acquireFromIf(Guard, 0);
  return MustInitialize;
}

void __cxa_guard_release(uint64_t *Guard) {
  ensureInitialized();
  releaseInto(Guard);
  real::__cxa_guard_release(Guard);
}

// --- POSIX semaphores ------------------------------------------------------
int sem_wait(sem_t *S) {
  ensureInitialized();
  return acquireFromIf(S, real::sem_wait(S));
}

int sem_trywait(sem_t *S) {
  ensureInitialized();
  return acquireFromIf(S, real::sem_trywait(S));
}

int sem_timedwait(sem_t *S, const struct timespec *At) {
  ensureInitialized();
  return acquireFromIf(S, real::sem_timedwait(S, At));
}

int sem_clockwait(sem_t *S, clockid_t Clock, const struct timespec *At) {
  ensureInitialized();
  return acquireFromIf(S, real::sem_clockwait(S, Clock, At));
}

int sem_post(sem_t *S) {
  ensureInitialized();
  releaseInto(S);
  return real::sem_post(S);
}

int sem_destroy(sem_t *S) {
  ensureInitialized();
  forget(S);
  return real::sem_destroy(S);
}

} // extern "C"

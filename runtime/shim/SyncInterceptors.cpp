//===- SyncInterceptors.cpp - rwlocks, spinlocks, condition variables,
//                            semaphores, barriers and one-time init -----===//
//
// Each primitive is reduced to the detector's vocabulary: a lock that is
// taken (shared or exclusive) and released, an object that is released into
// and acquired from, and a wait the watchdog can see. A wait that fails or
// times out acquires nothing.
//
//===----------------------------------------------------------------------===//
#include "CallChecks.h"
#include "LockProtocol.h"
#include "JsonWriter.h"
#include "RealFunctions.h"
#include "SyncHealth.h"
#include "racegate/RuntimeAbi.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <cstdarg>
#include <climits>
#include <sys/syscall.h>

using namespace racegate;
using namespace racegate::shim;

namespace {

void releaseInto(const volatile void *Object) {
  if (ThreadState *T = activeThread())
    TheDetector->release(*T, addressOf(Object));
}

int acquireFromIf(const volatile void *Object, int Status) {
  if (Status == 0)
    if (ThreadState *T = activeThread())
      TheDetector->acquire(*T, addressOf(Object));
  return Status;
}

/// A condition variable, barrier or semaphore is destroyed: a new one at the
/// same address starts with no history.
void forgetObject(const volatile void *Object) {
  if (ThreadState *T = activeThread()) {
    RuntimeScope Busy(*T);
    TheDetector->mutexDestroyed(addressOf(Object));
  }
}

/// Runs a blocking call as a wait the watchdog can see.
template <typename Fn>
int asWait(WaitKind Kind, const volatile void *Object, SiteId Site,
           bool Timed, Fn &&Call) {
  ThreadState *T = activeThread();
  if (!T)
    return Call();
  TheDetector->waitBegins(*T, Kind, addressOf(Object), Site, Timed);
  // Also when a cancellation unwinds out of the wait.
  struct EndWait {
    ThreadState &T;
    ~EndWait() { TheDetector->waitEnds(T); }
  } AfterWait{*T};
  return Call();
}

/// A condition-variable wait: the mutex is given up and taken back around
/// it, and the mutex carries the happens-before. A notify orders nothing.
template <typename Fn>
int condWait(pthread_cond_t *C, pthread_mutex_t *M, bool Timed, Fn &&Call,
             const char *Name) {
  SiteId Site = takeCallSite();
  ThreadState *T = activeThread();
  if (!T)
    return Call();
  // A wait on a dead condition variable or with a dead mutex is reported
  // and left to glibc.
  if (usesDeadObject(C, condHealth(C), Site, Name))
    return Call();
  if (Health H = mutexHealth(M); usesDeadObject(M, H, Site, Name))
    return callOnDeadObject(H, Call);
  bool Holds = TheDetector->holdsLock(*T, addressOf(M));
  // Another process may signal a process-shared condition variable (glibc
  // marks it in the low bit of __wrefs): it is watched like a timed wait,
  // which ends by itself.
  bool Shared = C->__data.__wrefs & 1;
  TheDetector->condWaitBegins(*T, addressOf(C), addressOf(M), Site,
                              Timed || Shared);
  if (Holds)
    TheDetector->mutexUnlocked(*T, addressOf(M), Site);
  // A thread cancelled in the wait takes the mutex back before its cleanup
  // handlers run: the unwinding passes through here, and must tell the
  // detector too.
  struct Reacquire {
    ThreadState &T;
    pthread_cond_t *C;
    pthread_mutex_t *M;
    SiteId Site;
    bool Holds;
    ~Reacquire() {
      TheDetector->condWaitEnds(T, addressOf(C));
      if (Holds)
        TheDetector->mutexLocked(T, addressOf(M), Site, true);
    }
  } AfterWait{*T, C, M, Site, Holds};
  return Call();
}

/// Whether something other than the program's threads may post \p S: a
/// process-shared semaphore (glibc's word after the value is then
/// non-zero), or
/// any semaphore once the program handles signals, as sem_post() is
/// async-signal-safe.
bool mayBePostedFromOutside(const sem_t *S) {
  struct GlibcSemaphore {
    uint64_t Data;
    int Shared;
  };
  return reinterpret_cast<const GlibcSemaphore *>(S)->Shared != 0 ||
         programHandlesSignals();
}

/// A semaphore wait: a successful try never blocks; otherwise block. Only
/// a wait nothing outside the process's threads can end is watched.
/// A successful wait: what the posts ordered in every schedule, unless
/// something outside the program's threads may have posted.
int semaphoreAcquired(sem_t *S, int Status) {
  if (acquireFromIf(S, Status) == 0 && !mayBePostedFromOutside(S))
    if (ThreadState *T = activeThread())
      TheDetector->semaphoreAcquired(*T, addressOf(S));
  return Status;
}

template <typename Fn>
int semaphoreWait(sem_t *S, SiteId Site, bool Timed, Fn &&Call) {
  int Status = real::sem_trywait(S);
  if (Status != 0 && errno == EAGAIN)
    Status = mayBePostedFromOutside(S)
                 ? Call()
                 : asWait(WaitKind::Semaphore, S, Site, Timed, Call);
  return semaphoreAcquired(S, Status);
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
// A call on a destroyed or never-initialized rwlock is reported as such and
// not tracked (see callOnDeadObject).
#define RACEGATE_RWLOCK_IF_DEAD(Lock, Site, Call, Real)                        \
  if (Health H = rwlockHealth(Lock); usesDeadObject(Lock, H, Site, Call))      \
  return callOnDeadObject(H, [&] { return Real; })

#define RACEGATE_RWLOCK(Lock, Try, Exclusive, Timed, Block)                    \
  ensureInitialized();                                                         \
  SiteId Site = takeCallSite();                                                \
  RACEGATE_RWLOCK_IF_DEAD(Lock, Site, __func__, Block);                        \
  return acquireLock(                                                          \
      Lock, Site, Exclusive, Detector::Relock::Fails, Timed,                   \
      [&] { return real::Try(Lock); }, [&] { return Block; })

int pthread_rwlock_rdlock(pthread_rwlock_t *L) {
  RACEGATE_RWLOCK(L, pthread_rwlock_tryrdlock, false, false,
                  real::pthread_rwlock_rdlock(L));
}
int pthread_rwlock_timedrdlock(pthread_rwlock_t *L,
                               const struct timespec *At) {
  RACEGATE_RWLOCK(L, pthread_rwlock_tryrdlock, false, true,
                  real::pthread_rwlock_timedrdlock(L, At));
}
int pthread_rwlock_clockrdlock(pthread_rwlock_t *L, clockid_t C,
                               const struct timespec *At) {
  RACEGATE_RWLOCK(L, pthread_rwlock_tryrdlock, false, true,
                  real::pthread_rwlock_clockrdlock(L, C, At));
}
int pthread_rwlock_wrlock(pthread_rwlock_t *L) {
  RACEGATE_RWLOCK(L, pthread_rwlock_trywrlock, true, false,
                  real::pthread_rwlock_wrlock(L));
}
int pthread_rwlock_timedwrlock(pthread_rwlock_t *L,
                               const struct timespec *At) {
  RACEGATE_RWLOCK(L, pthread_rwlock_trywrlock, true, true,
                  real::pthread_rwlock_timedwrlock(L, At));
}
int pthread_rwlock_clockwrlock(pthread_rwlock_t *L, clockid_t C,
                               const struct timespec *At) {
  RACEGATE_RWLOCK(L, pthread_rwlock_trywrlock, true, true,
                  real::pthread_rwlock_clockwrlock(L, C, At));
}
#undef RACEGATE_RWLOCK

int pthread_rwlock_tryrdlock(pthread_rwlock_t *L) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_RWLOCK_IF_DEAD(L, Site, __func__, real::pthread_rwlock_tryrdlock(L));
  return tryAcquireLock(L, Site, false,
                        [&] { return real::pthread_rwlock_tryrdlock(L); });
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *L) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_RWLOCK_IF_DEAD(L, Site, __func__, real::pthread_rwlock_trywrlock(L));
  return tryAcquireLock(L, Site, true,
                        [&] { return real::pthread_rwlock_trywrlock(L); });
}

int pthread_rwlock_unlock(pthread_rwlock_t *L) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_RWLOCK_IF_DEAD(L, Site, __func__, real::pthread_rwlock_unlock(L));
  releaseLock(L, Site);
  return real::pthread_rwlock_unlock(L);
}

int pthread_rwlock_destroy(pthread_rwlock_t *L) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  RACEGATE_RWLOCK_IF_DEAD(L, Site, __func__, real::pthread_rwlock_destroy(L));
  destroyLock(L, Site);
  int Status = real::pthread_rwlock_destroy(L);
  if (Status == 0)
    markRwlockDestroyed(L);
  return Status;
}
#undef RACEGATE_RWLOCK_IF_DEAD

// --- Spinlocks -------------------------------------------------------------
int pthread_spin_lock(pthread_spinlock_t *L) {
  ensureInitialized();
  return acquireLock(
      L, takeCallSite(), true, Detector::Relock::Hangs, false,
      [&] { return real::pthread_spin_trylock(L); },
      [&] { return real::pthread_spin_lock(L); });
}

int pthread_spin_trylock(pthread_spinlock_t *L) {
  ensureInitialized();
  return tryAcquireLock(L, takeCallSite(), true,
                        [&] { return real::pthread_spin_trylock(L); });
}

int pthread_spin_unlock(pthread_spinlock_t *L) {
  ensureInitialized();
  releaseLock(L, takeCallSite());
  return real::pthread_spin_unlock(L);
}

int pthread_spin_destroy(pthread_spinlock_t *L) {
  ensureInitialized();
  destroyLock(L, takeCallSite());
  return real::pthread_spin_destroy(L);
}

// --- Condition variables ---------------------------------------------------
int pthread_cond_wait(pthread_cond_t *C, pthread_mutex_t *M) {
  ensureInitialized();
  return condWait(
      C, M, false, [&] { return real::pthread_cond_wait(C, M); }, __func__);
}

int pthread_cond_timedwait(pthread_cond_t *C, pthread_mutex_t *M,
                           const struct timespec *At) {
  ensureInitialized();
  return condWait(
      C, M, true, [&] { return real::pthread_cond_timedwait(C, M, At); },
      __func__);
}

int pthread_cond_clockwait(pthread_cond_t *C, pthread_mutex_t *M,
                           clockid_t Clock, const struct timespec *At) {
  ensureInitialized();
  return condWait(
      C, M, true,
      [&] { return real::pthread_cond_clockwait(C, M, Clock, At); },
      __func__);
}

int pthread_cond_signal(pthread_cond_t *C) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (usesDeadObject(C, condHealth(C), Site, __func__))
    return real::pthread_cond_signal(C);
  if (ThreadState *T = activeThread())
    TheDetector->condNotified(*T, addressOf(C), Site);
  return real::pthread_cond_signal(C);
}

int pthread_cond_broadcast(pthread_cond_t *C) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (usesDeadObject(C, condHealth(C), Site, __func__))
    return real::pthread_cond_broadcast(C);
  if (ThreadState *T = activeThread())
    TheDetector->condNotified(*T, addressOf(C), Site, /*All=*/true);
  return real::pthread_cond_broadcast(C);
}

// glibc's destroy waits for every thread still waiting, which would hang
// the program: a busy condition variable is reported and refused with
// EBUSY, as POSIX allows.
int pthread_cond_destroy(pthread_cond_t *C) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (usesDeadObject(C, condHealth(C), Site, __func__))
    return real::pthread_cond_destroy(C);
  if (ThreadState *T = activeThread()) {
    if (TheDetector->condDestroyedBusy(*T, addressOf(C), Site))
      return EBUSY;
    TheDetector->syncDestroyed(*T, addressOf(C), Site);
  }
  forgetObject(C);
  return real::pthread_cond_destroy(C);
}

int pthread_cond_init(pthread_cond_t *C, const pthread_condattr_t *A) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (ThreadState *T = activeThread())
    TheDetector->condInitialized(*T, addressOf(C), Site);
  return real::pthread_cond_init(C, A);
}

int pthread_rwlock_init(pthread_rwlock_t *L, const pthread_rwlockattr_t *A) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (ThreadState *T = activeThread())
    TheDetector->lockInitialized(*T, addressOf(L), Site, "pthread_rwlock_init");
  return real::pthread_rwlock_init(L, A);
}

int pthread_spin_init(pthread_spinlock_t *L, int Shared) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (ThreadState *T = activeThread())
    TheDetector->lockInitialized(*T, addressOf(L), Site, "pthread_spin_init");
  return real::pthread_spin_init(L, Shared);
}

// --- Barriers --------------------------------------------------------------
int pthread_barrier_init(pthread_barrier_t *B, const pthread_barrierattr_t *A,
                         unsigned Count) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  // Initializing a barrier threads wait at would strand them: refused with
  // EBUSY, as POSIX allows.
  if (ThreadState *T = activeThread())
    if (TheDetector->barrierBusy(*T, addressOf(B), Site, __func__))
      return EBUSY;
  if (Count == 0)
    if (ThreadState *T = activeThread())
      TheDetector->reportCallMisuse(*T, "barrier_misuse", addressOf(B), Site,
                                    "initializes barrier " +
                                        hexAddress(addressOf(B)) +
                                        " with a count of 0",
                                    "pthread_barrier_init");
  int Status = real::pthread_barrier_init(B, A, Count);
  if (Status == 0)
    if (ThreadState *T = activeThread()) {
      RuntimeScope Busy(*T);
      TheDetector->barrierInitialized(addressOf(B), Count);
    }
  return Status;
}

int pthread_barrier_wait(pthread_barrier_t *B) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  releaseInto(B);
  if (ThreadState *T = activeThread())
    TheDetector->barrierArrives(*T, addressOf(B));
  int Status = asWait(WaitKind::Barrier, B, Site, false,
                      [&] { return real::pthread_barrier_wait(B); });
  if (acquireFromIf(B, Status == PTHREAD_BARRIER_SERIAL_THREAD ? 0 : Status) ==
      0)
    if (ThreadState *T = activeThread())
      TheDetector->barrierLeaves(*T, addressOf(B));
  return Status;
}

// Destroying a barrier threads wait at strands them (glibc's destroy waits
// for them): refused with EBUSY, as POSIX allows.
int pthread_barrier_destroy(pthread_barrier_t *B) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (ThreadState *T = activeThread())
    if (TheDetector->barrierBusy(*T, addressOf(B), Site, __func__))
      return EBUSY;
  forgetObject(B);
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
  SiteId Site = takeCallSite();
  return checkErrnoCall(
      semaphoreWait(S, Site, false, [&] { return real::sem_wait(S); }),
      "sem_wait", S, Site);
}

int sem_trywait(sem_t *S) {
  ensureInitialized();
  return semaphoreAcquired(S, real::sem_trywait(S));
}

int sem_timedwait(sem_t *S, const struct timespec *At) {
  ensureInitialized();
  return semaphoreWait(S, takeCallSite(), true,
                       [&] { return real::sem_timedwait(S, At); });
}

int sem_clockwait(sem_t *S, clockid_t Clock, const struct timespec *At) {
  ensureInitialized();
  return semaphoreWait(S, takeCallSite(), true,
                       [&] { return real::sem_clockwait(S, Clock, At); });
}

int sem_post(sem_t *S) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  releaseInto(S);
  if (ThreadState *T = activeThread())
    TheDetector->semaphorePosted(*T, addressOf(S));
  int Status = checkErrnoCall(real::sem_post(S), "sem_post", S, Site);
  if (Status != 0 && errno == EOVERFLOW)
    if (ThreadState *T = activeThread())
      TheDetector->semaphoreReleased(*T, addressOf(S), SEM_VALUE_MAX, 1,
                                     SEM_VALUE_MAX, Site);
  return Status;
}

int sem_init(sem_t *S, int Shared, unsigned Value) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  if (ThreadState *T = activeThread())
    TheDetector->semaphoreInitialized(*T, addressOf(S), Value, Site);
  return checkErrnoCall(real::sem_init(S, Shared, Value), "sem_init", S, Site);
}

int sem_destroy(sem_t *S) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  forgetObject(S);
  return checkErrnoCall(real::sem_destroy(S), "sem_destroy", S, Site);
}

// --- Futex waits of header-only primitives ---------------------------------

/// Whether \p Addr lies in a shared mapping (a 's' in /proc/self/maps),
/// where another process may wake a futex. Read with no allocation, as the
/// runtime may not call what it intercepts.
static bool inSharedMapping(uintptr_t Addr) {
  int Fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return true; // cannot tell: assume the worst, report no stall
  char Buffer[8192];
  size_t Used = 0;
  bool Shared = false, Done = false;
  while (!Done) {
    ssize_t N = read(Fd, Buffer + Used, sizeof(Buffer) - 1 - Used);
    if (N <= 0)
      break;
    Used += size_t(N);
    Buffer[Used] = 0;
    char *Line = Buffer;
    for (char *End; (End = strchr(Line, '\n')); Line = End + 1) {
      char *Rest;
      uintptr_t Low = strtoull(Line, &Rest, 16);
      uintptr_t High = strtoull(Rest + 1, &Rest, 16);
      if (Addr >= Low && Addr < High) {
        Shared = Rest[4] == 's';
        Done = true;
        break;
      }
    }
    Used = size_t(Buffer + Used - Line);
    if (Used == sizeof(Buffer) - 1)
      break; // no line is that long
    memmove(Buffer, Line, Used);
  }
  close(Fd);
  return Shared;
}

// std::latch, std::barrier, std::counting_semaphore and std::atomic::wait
// block through syscall(SYS_futex, ...) from code inlined into the program.
long syscall(long Number, ...) {
  ensureInitialized();
  va_list Args;
  va_start(Args, Number);
  long A1 = va_arg(Args, long), A2 = va_arg(Args, long),
       A3 = va_arg(Args, long), A4 = va_arg(Args, long),
       A5 = va_arg(Args, long), A6 = va_arg(Args, long);
  va_end(Args);
  constexpr long FutexWait = 0, FutexWaitBitset = 9, FutexCommandMask = 0x7f;
  long Command = A2 & FutexCommandMask;
  constexpr long FutexPrivate = 128;
  // A futex in shared memory may be woken by another process: never a
  // stall.
  if (Number != SYS_futex ||
      (Command != FutexWait && Command != FutexWaitBitset) ||
      (!(A2 & FutexPrivate) && inSharedMapping(uintptr_t(A1))))
    return real::syscall(Number, A1, A2, A3, A4, A5, A6);
  SiteId Site = takeCallSite();
  ThreadState *T = activeThread();
  if (!T)
    return real::syscall(Number, A1, A2, A3, A4, A5, A6);
  TheDetector->waitBegins(*T, WaitKind::Futex, uintptr_t(A1), Site,
                          /*Timed=*/A4 != 0);
  long Result = real::syscall(Number, A1, A2, A3, A4, A5, A6);
  int Saved = errno;
  TheDetector->waitEnds(*T);
  errno = Saved;
  return Result;
}

// std::latch and std::barrier waits, marked by the analyzer around the call:
// the futex wait inside is for that object.
// A std::barrier wait is also an arrival, which orders the threads as a
// pthread barrier does; its first word is the number of parties.
void __racegate_primitive_wait_begin(void *Object, uint32_t Kind) {
  if (ThreadState *T = CurrentThread) {
    T->PendingPrimitive = Kind;
    T->PendingPrimitiveObject = addressOf(Object);
    if (Kind == abi::PrimitiveBarrier && !T->InRuntime) {
      ptrdiff_t Parties =
          __atomic_load_n(static_cast<ptrdiff_t *>(Object), __ATOMIC_RELAXED);
      if (Parties > 0 && Parties <= ptrdiff_t(UINT_MAX))
        TheDetector->barrierArrives(*T, addressOf(Object), unsigned(Parties));
    }
  }
}

void __racegate_primitive_wait_end() {
  if (ThreadState *T = CurrentThread) {
    if (T->PendingPrimitive == abi::PrimitiveBarrier && !T->InRuntime)
      TheDetector->barrierLeaves(*T, T->PendingPrimitiveObject);
    T->PendingPrimitive = 0;
  }
}

// std::counting_semaphore<Max>::release, reported by the analyzer before the
// call: the counter is the semaphore's first word.
void __racegate_semaphore_release(void *Semaphore, int64_t Max,
                                  int64_t Update) {
  SiteId Site = takeCallSite();
  ThreadState *T = activeThread();
  if (!T)
    return;
  int64_t Value = __atomic_load_n(static_cast<int *>(Semaphore), __ATOMIC_RELAXED);
  TheDetector->semaphoreReleased(*T, addressOf(Semaphore), Value, Update, Max,
                                 Site);
}

} // extern "C"

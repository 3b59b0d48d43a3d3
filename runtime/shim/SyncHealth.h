//===- SyncHealth.h - whether a pthread object is alive, from its bytes ---===//
//
// glibc marks what it destroys: a mutex gets an invalid kind (-1), a
// condition variable the "being destroyed" bit of __wrefs. An rwlock's
// destroy changes nothing, so the shim marks it the same way in padding
// glibc never reads. Initializing an object, by call or by assigning an
// initializer, clears the mark, so a new object at a dead one's address is
// never taken for it. An object whose bytes no initialization produces was
// never initialized. The checks only read the object, so they cost a load
// or two per call.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_SHIM_SYNCHEALTH_H
#define RACEGATE_SHIM_SYNCHEALTH_H

#include "LockProtocol.h"

#include <pthread.h>

namespace racegate::shim {

using Health = Detector::SyncHealth;

inline Health mutexHealth(const pthread_mutex_t *M) {
  int Kind = __atomic_load_n(&M->__data.__kind, __ATOMIC_RELAXED);
  if (Kind == -1)
    return Health::Destroyed;
  // Type (0-3), robust (16), priority inheritance (32) or protection (64),
  // process-shared (128) and glibc's elision bits (256, 512).
  constexpr int ValidBits = 3 | 16 | 32 | 64 | 128 | 256 | 512;
  return Kind & ~ValidBits ? Health::Uninitialized : Health::Live;
}

/// Written into __pad2 of a destroyed rwlock; pthread_rwlock_init and
/// PTHREAD_RWLOCK_INITIALIZER zero it.
constexpr unsigned long DestroyedRwlockMark = 0x7267646561646c6bul;

inline Health rwlockHealth(const pthread_rwlock_t *L) {
  if (__atomic_load_n(&L->__data.__pad2, __ATOMIC_RELAXED) ==
      DestroyedRwlockMark)
    return Health::Destroyed;
  // Preferences are 0 to 2 and sharing 0 or 1 in every initialized rwlock.
  return L->__data.__flags > 2 || unsigned(L->__data.__shared) > 1
             ? Health::Uninitialized
             : Health::Live;
}

inline void markRwlockDestroyed(pthread_rwlock_t *L) {
  __atomic_store_n(&L->__data.__pad2, DestroyedRwlockMark, __ATOMIC_RELAXED);
}

inline Health condHealth(const pthread_cond_t *C) {
  constexpr unsigned BeingDestroyed = 4;
  return __atomic_load_n(&C->__data.__wrefs, __ATOMIC_RELAXED) & BeingDestroyed
             ? Health::Destroyed
             : Health::Live;
}

/// Reports a call on a dead object (lock_destroyed); true when it is dead,
/// and the call must not be tracked.
inline bool usesDeadObject(const volatile void *Object, Health H, SiteId Site,
                           const char *Call) {
  if (__builtin_expect(H == Health::Live, 1))
    return false;
  ThreadState *T = activeThread();
  return T && TheDetector->deadSyncUsed(*T, addressOf(Object), Site, Call, H);
}

/// The call on a dead object: a destroyed one goes to glibc, which decides
/// (a destroyed mutex fails with EINVAL); glibc may crash on the garbage of
/// one never initialized, so that call fails with EINVAL, as POSIX allows.
template <typename Fn> int callOnDeadObject(Health H, Fn &&Real) {
  return H == Health::Uninitialized ? EINVAL : Real();
}

} // namespace racegate::shim

#endif

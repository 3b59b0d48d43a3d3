//===- SpinLock.h - the runtime's own lock --------------------------------===//
//
// The runtime must never take a lock it intercepts, so its critical sections
// use this lock. They are short: spin, then yield the CPU, then sleep a
// little, which also lets a lower-priority holder run when the waiter is a
// real-time thread (for which yielding gives way to nobody).
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_SPINLOCK_H
#define RACEGATE_CORE_SPINLOCK_H

#include <atomic>
#include <sched.h>
#include <time.h>

namespace racegate {

/// Waits a little before the next attempt number \p Spins at a lock whose
/// holder may have been preempted: a waiter that only spins would burn its
/// whole time slice while the holder waits for a CPU.
inline void lockBackoff(unsigned Spins) {
  if (Spins > 1024) {
    timespec Nap{0, 50000};
    nanosleep(&Nap, nullptr);
  } else if (Spins > 64) {
    sched_yield();
  } else {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
  }
}

class SpinLock {
public:
  void lock() {
    for (unsigned Spins = 0;; ++Spins) {
      if (!Held.load(std::memory_order_relaxed) &&
          !Held.exchange(true, std::memory_order_acquire))
        return;
      lockBackoff(Spins);
    }
  }
  bool try_lock() {
    return !Held.load(std::memory_order_relaxed) &&
           !Held.exchange(true, std::memory_order_acquire);
  }
  void unlock() { Held.store(false, std::memory_order_release); }

private:
  std::atomic<bool> Held{false};
};

/// Scoped holder, so that no early return can leave the lock held.
class SpinGuard {
public:
  explicit SpinGuard(SpinLock &L) : L(L) { L.lock(); }
  ~SpinGuard() { L.unlock(); }
  SpinGuard(const SpinGuard &) = delete;
  SpinGuard &operator=(const SpinGuard &) = delete;

private:
  SpinLock &L;
};

} // namespace racegate

#endif

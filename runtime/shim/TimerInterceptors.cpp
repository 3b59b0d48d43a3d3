//===- TimerInterceptors.cpp - timers whose signals may wake waiters ------===//
//
// A thread blocked in sem_wait can be woken by a SIGALRM handler that posts
// the semaphore. While a timer is armed, the watchdog therefore does not call
// a program whose threads all wait "stalled".
//
//===----------------------------------------------------------------------===//
#include "RealFunctions.h"
#include "Runtime.h"

#include <climits>
#include <cstdint>

using namespace racegate;
using namespace racegate::shim;

namespace {
constexpr uint64_t Forever = UINT64_MAX;

uint64_t nanos(const timeval &T) {
  return uint64_t(T.tv_sec) * 1000000000ull + uint64_t(T.tv_usec) * 1000ull;
}
uint64_t nanos(const timespec &T) {
  return uint64_t(T.tv_sec) * 1000000000ull + uint64_t(T.tv_nsec);
}

/// The timer fires within \p Delay, and again every \p Interval if not 0.
void armed(uint64_t Delay, uint64_t Interval) {
  if (Delay == 0 || !TheDetector)
    return;
  TheDetector->timerArmed(Interval ? Forever
                                   : Detector::monotonicNow() + Delay +
                                         1000000000ull);
}
} // namespace

extern "C" {

unsigned alarm(unsigned Seconds) {
  ensureInitialized();
  armed(uint64_t(Seconds) * 1000000000ull, 0);
  return real::alarm(Seconds);
}

int setitimer(int Which, const struct itimerval *New, struct itimerval *Old) {
  ensureInitialized();
  if (New)
    armed(nanos(New->it_value), nanos(New->it_interval));
  return real::setitimer(Which, New, Old);
}

int timer_settime(timer_t Timer, int Flags, const struct itimerspec *New,
                  struct itimerspec *Old) {
  ensureInitialized();
  if (New && nanos(New->it_value))
    // An absolute time is on some clock; assume it may be far away.
    armed(Flags & TIMER_ABSTIME ? Forever / 2 : nanos(New->it_value),
          nanos(New->it_interval));
  return real::timer_settime(Timer, Flags, New, Old);
}

} // extern "C"

//===- SignalInterceptors.cpp - which signals the program handles ---------===//
#include "RealFunctions.h"
#include "Runtime.h"

#include <atomic>
#include <csignal>

using namespace racegate;
using namespace racegate::shim;

namespace {
std::atomic<bool> HandlesSignals{false};

void noteDisposition(void (*Handler)(int)) {
  if (Handler != SIG_DFL && Handler != SIG_IGN)
    HandlesSignals.store(true, std::memory_order_relaxed);
}
} // namespace

namespace racegate::shim {
bool programHandlesSignals() {
  return HandlesSignals.load(std::memory_order_relaxed);
}
} // namespace racegate::shim

extern "C" {

int sigaction(int Signal, const struct sigaction *Action,
              struct sigaction *Old) {
  ensureInitialized();
  if (Action)
    noteDisposition(Action->sa_handler);
  return real::sigaction(Signal, Action, Old);
}

sighandler_t signal(int Signal, sighandler_t Handler) {
  ensureInitialized();
  noteDisposition(Handler);
  return real::signal(Signal, Handler);
}

} // extern "C"

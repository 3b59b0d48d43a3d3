//===- EntryPoints.cpp - the __racegate_* calls inserted by the analyzer --===//
//
// These run on every instrumented access and call, so each is a thread-local
// load, a null check and a call into the detector's inline fast path.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"

using namespace racegate;
using namespace racegate::shim;

namespace {
__attribute__((always_inline)) inline void onAccess(void *Addr, size_t Size,
                                                   bool Write, uint32_t Site) {
  ThreadState *T = CurrentThread;
  if (__builtin_expect(T != nullptr, 1))
    TheDetector->access(*T, reinterpret_cast<uintptr_t>(Addr), Size, Write,
                        /*Atomic=*/false, Site);
}
} // namespace

extern "C" {

#define RACEGATE_ACCESS_HOOKS(N)                                               \
  void __racegate_read##N(void *Addr, uint32_t Site) {                         \
    onAccess(Addr, N, false, Site);                                            \
  }                                                                            \
  void __racegate_write##N(void *Addr, uint32_t Site) {                        \
    onAccess(Addr, N, true, Site);                                             \
  }
RACEGATE_ACCESS_HOOKS(1)
RACEGATE_ACCESS_HOOKS(2)
RACEGATE_ACCESS_HOOKS(4)
RACEGATE_ACCESS_HOOKS(8)
RACEGATE_ACCESS_HOOKS(16)
#undef RACEGATE_ACCESS_HOOKS

void __racegate_read_range(void *Addr, uint64_t Size, uint32_t Site) {
  if (ThreadState *T = CurrentThread)
    TheDetector->accessRange(*T, reinterpret_cast<uintptr_t>(Addr), Size,
                             /*Write=*/false, Site);
}
void __racegate_write_range(void *Addr, uint64_t Size, uint32_t Site) {
  if (ThreadState *T = CurrentThread)
    TheDetector->accessRange(*T, reinterpret_cast<uintptr_t>(Addr), Size,
                             /*Write=*/true, Site);
}

// Just above a hook's frame record sits the return address, and above it
// the caller's stack pointer: the instrumented function's frame starts
// there. (The runtime keeps frame pointers.)
#define RACEGATE_CALLER_SP()                                                   \
  (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) +                   \
   2 * sizeof(void *))

void __racegate_func_entry(uint32_t Function) {
  SiteId CallSite = takeCallSite();
  if (ThreadState *T = CurrentThread) {
    uintptr_t Sp = RACEGATE_CALLER_SP();
    // Every live frame lies above the new one; what lies at or below it was
    // left by a longjmp() or an exception that skipped the exits.
    T->Stack.dropFramesBelow(Sp, /*Inclusive=*/true, T->StackLow,
                             T->StackHigh);
    T->Stack.push(CallSite, Function, Sp);
  }
}

void __racegate_func_exit() {
  if (ThreadState *T = CurrentThread) {
    // The exiting function's own frame is the deepest live one.
    T->Stack.dropFramesBelow(RACEGATE_CALLER_SP(), /*Inclusive=*/false,
                             T->StackLow, T->StackHigh);
    T->Stack.pop();
  }
}
#undef RACEGATE_CALLER_SP

void __racegate_atomic_begin(void *Addr, uint32_t Flags) {
  if (ThreadState *T = CurrentThread)
    TheDetector->atomicBegin(*T, reinterpret_cast<uintptr_t>(Addr), Flags);
}

void __racegate_atomic_end(void *Addr, uint64_t Size, uint32_t Flags,
                           uint32_t Site) {
  if (ThreadState *T = CurrentThread)
    TheDetector->atomicEnd(*T, reinterpret_cast<uintptr_t>(Addr), Size, Flags,
                           Site);
}

void __racegate_fence(uint32_t Flags, uint32_t /*Site*/) {
  if (ThreadState *T = activeThread())
    TheDetector->fence(*T, Flags);
}

void __racegate_register_module(const char *const *Sites, uint32_t Count,
                                uint32_t *Base,
                                const abi::GlobalRecord *Globals,
                                uint32_t GlobalCount) {
  ensureInitialized();
  ThreadState *T = CurrentThread;
  if (T)
    ++T->InRuntime;
  *Base = TheDetector->sites().addSites(Sites, Count);
  TheDetector->sites().addGlobals(Globals, GlobalCount);
  if (T)
    --T->InRuntime;
}

} // extern "C"

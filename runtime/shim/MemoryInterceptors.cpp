//===- MemoryInterceptors.cpp - heap and mapping lifecycle ----------------===//
//
// The allocator is glibc's own, reached through its __libc_* entry points, so
// the runtime's bookkeeping never recurses into these wrappers. Freeing is a
// write to the whole block (a free racing with a use is a race, and so is a
// use after the free in another thread); allocating it again forgets its
// history, so a reuse by another thread is no race.
//
//===----------------------------------------------------------------------===//
#include "RealFunctions.h"
#include "Runtime.h"

#include <cerrno>
#include <cstring>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *__libc_memalign(size_t, size_t);
void *__libc_valloc(size_t);
void *__libc_pvalloc(size_t);
void __libc_free(void *);
}

using namespace racegate;
using namespace racegate::shim;

namespace {

void *noteAllocation(void *P, size_t Size) {
  if (!P)
    return P;
  if (ThreadState *T = activeThread())
    // The caller's call site is left in place: the allocation is attributed
    // to the call of malloc (or operator new) in instrumented code.
    TheDetector->allocated(*T, reinterpret_cast<uintptr_t>(P), Size,
                           __racegate_call_site);
  return P;
}

void noteRelease(void *P) {
  if (!P)
    return;
  ThreadState *T = activeThread();
  if (!T)
    return;
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  // glibc marks a chunk it serves from its own mapping (bit 1 of the size
  // word before the block); free unmaps it.
  bool Unmapped = reinterpret_cast<const size_t *>(P)[-1] & 2;
  TheDetector->locksFreed(*T, Addr, malloc_usable_size(P),
                          __racegate_call_site);
  TheDetector->freedBy(*T, Addr, malloc_usable_size(P), __racegate_call_site,
                       Unmapped);
}

} // namespace

extern "C" {

void *malloc(size_t Size) { return noteAllocation(__libc_malloc(Size), Size); }

void *calloc(size_t Count, size_t Size) {
  return noteAllocation(__libc_calloc(Count, Size), Count * Size);
}

void *realloc(void *P, size_t Size) {
  if (!P)
    return malloc(Size);
  if (Size == 0) {
    free(P);
    return nullptr;
  }
  // The old block is read and freed as far as other threads can tell.
  noteRelease(P);
  return noteAllocation(__libc_realloc(P, Size), Size);
}

void *reallocarray(void *P, size_t Count, size_t Size) {
  size_t Bytes;
  if (__builtin_mul_overflow(Count, Size, &Bytes)) {
    errno = ENOMEM;
    return nullptr;
  }
  return realloc(P, Bytes);
}

void free(void *P) {
  noteRelease(P);
  __libc_free(P);
}

void cfree(void *P) { free(P); }

void *memalign(size_t Alignment, size_t Size) {
  return noteAllocation(__libc_memalign(Alignment, Size), Size);
}

void *aligned_alloc(size_t Alignment, size_t Size) {
  return memalign(Alignment, Size);
}

int posix_memalign(void **Out, size_t Alignment, size_t Size) {
  if (Alignment % sizeof(void *) != 0 || (Alignment & (Alignment - 1)) != 0)
    return EINVAL;
  void *P = memalign(Alignment, Size);
  if (!P)
    return ENOMEM;
  *Out = P;
  return 0;
}

void *valloc(size_t Size) { return noteAllocation(__libc_valloc(Size), Size); }

void *pvalloc(size_t Size) {
  return noteAllocation(__libc_pvalloc(Size), Size);
}

int munmap(void *Addr, size_t Length) {
  ensureInitialized();
  if (ThreadState *T = activeThread()) {
    RuntimeScope Busy(*T);
    TheDetector->shadow().reset(reinterpret_cast<uintptr_t>(Addr), Length);
  }
  return real::munmap(Addr, Length);
}

} // extern "C"

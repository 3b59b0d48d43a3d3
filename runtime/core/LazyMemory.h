//===- LazyMemory.h - large arrays the kernel backs only where touched ----===//
//
// The detector's big tables (shadow, sites, stacks) are reserved up front as
// anonymous mappings without swap reservation: untouched pages cost nothing,
// and the runtime never goes through the malloc it intercepts.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_LAZYMEMORY_H
#define RACEGATE_CORE_LAZYMEMORY_H

#include <cstddef>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace racegate {

/// Zero-filled room for \p Count objects of type T, or null.
template <typename T> T *mapLazyArray(size_t Count) {
  void *P = mmap(nullptr, Count * sizeof(T), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return P == MAP_FAILED ? nullptr : static_cast<T *>(P);
}

/// Unmaps with the system call itself: the program's munmap (and syscall)
/// are intercepted, and the runtime must not come back into its own hooks.
inline void unmapRaw(void *P, size_t Bytes) {
#if defined(__x86_64__)
  long Result;
  asm volatile("syscall"
               : "=a"(Result)
               : "0"(long(SYS_munmap)), "D"(P), "S"(Bytes)
               : "rcx", "r11", "memory");
  (void)Result;
#else
  munmap(P, Bytes);
#endif
}

template <typename T> void unmapLazyArray(T *Array, size_t Count) {
  if (Array)
    unmapRaw(const_cast<void *>(static_cast<const volatile void *>(Array)),
             Count * sizeof(T));
}

} // namespace racegate

#endif

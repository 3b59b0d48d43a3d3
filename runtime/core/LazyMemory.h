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

namespace racegate {

/// Zero-filled room for \p Count objects of type T, or null.
template <typename T> T *mapLazyArray(size_t Count) {
  void *P = mmap(nullptr, Count * sizeof(T), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return P == MAP_FAILED ? nullptr : static_cast<T *>(P);
}

template <typename T> void unmapLazyArray(T *Array, size_t Count) {
  if (Array)
    munmap(const_cast<void *>(static_cast<const volatile void *>(Array)),
           Count * sizeof(T));
}

} // namespace racegate

#endif

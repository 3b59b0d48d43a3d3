//===- SanitizerInterface.cpp - entry points programs share with TSan -----===//
//
// Entry points with the names and meaning ThreadSanitizer gives them, so
// code written against <sanitizer/common_interface_defs.h> links and is
// checked, and the analyzer's vtable pointer hooks.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"

#include <cstring>

using namespace racegate;
using namespace racegate::shim;

namespace {
__attribute__((always_inline)) inline void record(const void *Addr,
                                                 size_t Size, bool Write,
                                                 SiteId Site) {
  ThreadState *T = CurrentThread;
  if (__builtin_expect(T != nullptr, 1))
    TheDetector->access(*T, reinterpret_cast<uintptr_t>(Addr), Size, Write,
                        /*Atomic=*/false, Site);
}

// The instrumented caller left the call's site: the access is reported on
// the line that called the entry point.
template <typename Word> Word unalignedLoad(const void *Addr) {
  record(Addr, sizeof(Word), false, takeCallSite());
  Word Value;
  std::memcpy(&Value, Addr, sizeof(Word));
  return Value;
}

template <typename Word> void unalignedStore(void *Addr, Word Value) {
  record(Addr, sizeof(Word), true, takeCallSite());
  std::memcpy(Addr, &Value, sizeof(Word));
}
} // namespace

extern "C" {

uint16_t __sanitizer_unaligned_load16(const void *Addr) {
  return unalignedLoad<uint16_t>(Addr);
}
uint32_t __sanitizer_unaligned_load32(const void *Addr) {
  return unalignedLoad<uint32_t>(Addr);
}
uint64_t __sanitizer_unaligned_load64(const void *Addr) {
  return unalignedLoad<uint64_t>(Addr);
}
void __sanitizer_unaligned_store16(void *Addr, uint16_t Value) {
  unalignedStore(Addr, Value);
}
void __sanitizer_unaligned_store32(void *Addr, uint32_t Value) {
  unalignedStore(Addr, Value);
}
void __sanitizer_unaligned_store64(void *Addr, uint64_t Value) {
  unalignedStore(Addr, Value);
}

// A load of an object's vtable pointer is a read like any other: it races
// with a constructor or destructor changing the pointer.
void __racegate_vptr_read(void *Addr, uint32_t Site) {
  record(Addr, sizeof(void *), false, Site);
}

// A store of the vtable pointer the object already has (a destructor
// resetting its own class's vtable) changes nothing another thread could
// see, so it is no write; a store of another value is.
void __racegate_vptr_update(void *Addr, void *NewValue, uint32_t Site) {
  void *Old;
  std::memcpy(&Old, Addr, sizeof(Old));
  if (Old != NewValue)
    record(Addr, sizeof(void *), true, Site);
}

} // extern "C"

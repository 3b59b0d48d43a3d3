//===- AddressFilter.h - "may something live at this address?" ------------===//
//
// One bit per 8-byte word, modulo 8 MiB: set-only and lock-free. A clear bit
// proves that nothing was ever added at the address, so the common case (no
// lock, no released atomic there) skips a table lookup; a set bit only means
// "look it up".
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_CORE_ADDRESSFILTER_H
#define RACEGATE_CORE_ADDRESSFILTER_H

#include <atomic>
#include <cstdint>

namespace racegate {

class AddressFilter {
public:
  bool mayContain(uintptr_t Addr) const {
    unsigned B = bit(Addr);
    return Words[B / 64].load(std::memory_order_relaxed) &
           (uint64_t(1) << (B % 64));
  }
  void add(uintptr_t Addr) {
    unsigned B = bit(Addr);
    Words[B / 64].fetch_or(uint64_t(1) << (B % 64), std::memory_order_relaxed);
  }

private:
  static constexpr unsigned Bits = 1u << 20;
  static unsigned bit(uintptr_t Addr) { return (Addr >> 3) & (Bits - 1); }
  std::atomic<uint64_t> Words[Bits / 64] = {};
};

} // namespace racegate

#endif

#pragma once

// A map keyed by the address of an interned string (Text.h: equal strings,
// equal addresses), for the caches asked once per frame of every finding:
// demangled names, whether a file is the user's, a file's SARIF location.
// Open addressing in one flat array: a look-up is a multiply and mostly one
// probe, where std::unordered_map divides by a prime, follows a node and
// allocates one per entry (hundreds of thousands for the distinct function
// names of a large report).

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace racegate {

template <typename Value> class PointerMap {
public:
  // The value of `key` (not null) and whether it was added by this call,
  // default-constructed. The reference is valid until the next call.
  std::pair<Value &, bool> tryEmplace(const void *key) {
    size_t i = find(key);
    if (slots[i].key)
      return {slots[i].value, false};
    if ((used + 1) * 2 > slots.size()) {
      grow();
      i = find(key);
    }
    ++used;
    slots[i].key = key;
    return {slots[i].value, true};
  }

private:
  struct Slot {
    const void *key = nullptr;
    Value value{};
  };

  // The slot holding `key`, else the free one where it belongs.
  size_t find(const void *key) const {
    size_t mask = slots.size() - 1;
    // Fibonacci hashing: the high bits of the product mix every bit of the
    // address, whose low bits are mostly alike (aligned allocations).
    size_t i = size_t((uint64_t(uintptr_t(key)) * 0x9E3779B97F4A7C15ULL) >>
                      (64 - bits));
    while (slots[i].key && slots[i].key != key)
      i = (i + 1) & mask;
    return i;
  }

  void grow() {
    std::vector<Slot> old(slots.size() * 2);
    old.swap(slots);
    ++bits;
    for (Slot &slot : old)
      if (slot.key)
        slots[find(slot.key)] = std::move(slot);
  }

  static constexpr int kInitialBits = 8;
  int bits = kInitialBits;
  std::vector<Slot> slots = std::vector<Slot>(size_t(1) << kInitialBits);
  size_t used = 0;
};

} // namespace racegate

#pragma once

// A fast hash of short strings for the open-addressing tables of the report
// side (interned names and paths, fingerprints): eight bytes at a time with
// a 64x64->128-bit multiply to mix, as wyhash does. std::hash reads them in
// smaller steps, and every frame of every finding hashes its names.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace racegate {

inline uint64_t hashBytes(std::string_view text) {
  constexpr uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL,
                     k2 = 0x8ebc6af09c88c6e3ULL, k3 = 0x589965cc75374cc3ULL;
  auto mix = [](uint64_t a, uint64_t b) {
    __uint128_t product = static_cast<__uint128_t>(a) * b;
    return static_cast<uint64_t>(product) ^
           static_cast<uint64_t>(product >> 64);
  };
  auto load = [&](size_t at) {
    uint64_t word;
    std::memcpy(&word, text.data() + at, 8);
    return word;
  };
  const size_t size = text.size();
  uint64_t seed = k0 ^ size;
  size_t i = 0;
  for (; i + 16 <= size; i += 16)
    seed = mix(load(i) ^ k1, load(i + 8) ^ seed);
  if (i + 8 <= size) {
    seed = mix(load(i) ^ k1, seed ^ k2);
    i += 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, text.data() + i, size - i);
  return mix(mix(tail ^ k3, seed ^ k1), k2 ^ size);
}

} // namespace racegate

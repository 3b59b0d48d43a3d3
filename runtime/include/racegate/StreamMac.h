//===- StreamMac.h - authenticating the records of a findings stream ------===//
//
// The program under test can find its findings stream and write into it.
// So that what it writes is never taken for a finding, racegate gives each
// run a secret key (RACEGATE_STREAM_KEY, which the runtime takes out of the
// program's environment before the program runs), and the runtime puts a
// keyed hash of each record in front of it:
//
//   {"mac":"<16 hex digits>",<body>
//
// where the hash is SipHash-2-4 under the key of the bytes of <body> (up to
// the end of the line, without the newline). Shared by the runtime and the
// CLI; no allocation, usable in a signal handler.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_STREAMMAC_H
#define RACEGATE_STREAMMAC_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace racegate::streammac {

struct Key {
  uint64_t K0 = 0, K1 = 0;
};

/// Digits of a key in the environment: 32 hex digits.
inline constexpr size_t KeyDigits = 32;
/// Digits of a record's hash.
inline constexpr size_t MacDigits = 16;
inline constexpr std::string_view Prefix = "{\"mac\":\"";

namespace detail {
inline uint64_t rotl(uint64_t V, unsigned N) {
  return (V << N) | (V >> (64 - N));
}
struct State {
  uint64_t V0, V1, V2, V3;
  void round() {
    V0 += V1;
    V1 = rotl(V1, 13);
    V1 ^= V0;
    V0 = rotl(V0, 32);
    V2 += V3;
    V3 = rotl(V3, 16);
    V3 ^= V2;
    V0 += V3;
    V3 = rotl(V3, 21);
    V3 ^= V0;
    V2 += V1;
    V1 = rotl(V1, 17);
    V1 ^= V2;
    V2 = rotl(V2, 32);
  }
  void absorb(uint64_t M) {
    V3 ^= M;
    round();
    round();
    V0 ^= M;
  }
};
inline int hexValue(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  if (C >= 'A' && C <= 'F')
    return C - 'A' + 10;
  return -1;
}
} // namespace detail

/// SipHash-2-4 of \p Data under \p K.
inline uint64_t sipHash(const Key &K, std::string_view Data) {
  detail::State S{K.K0 ^ 0x736f6d6570736575ull, K.K1 ^ 0x646f72616e646f6dull,
                  K.K0 ^ 0x6c7967656e657261ull, K.K1 ^ 0x7465646279746573ull};
  size_t Full = Data.size() & ~size_t(7);
  for (size_t I = 0; I < Full; I += 8) {
    uint64_t M = 0;
    for (unsigned B = 0; B < 8; ++B)
      M |= uint64_t(uint8_t(Data[I + B])) << (8 * B);
    S.absorb(M);
  }
  uint64_t Last = uint64_t(Data.size() & 0xff) << 56;
  for (size_t B = 0; Full + B < Data.size(); ++B)
    Last |= uint64_t(uint8_t(Data[Full + B])) << (8 * B);
  S.absorb(Last);
  S.V2 ^= 0xff;
  for (int I = 0; I < 4; ++I)
    S.round();
  return S.V0 ^ S.V1 ^ S.V2 ^ S.V3;
}

/// Writes \p Value as 16 lower-case hex digits to \p Out.
inline void toHex(uint64_t Value, char *Out) {
  static constexpr char Digits[] = "0123456789abcdef";
  for (int I = 15; I >= 0; --I) {
    Out[I] = Digits[Value & 0xf];
    Value >>= 4;
  }
}

/// Parses 16 hex digits; false if they are not.
inline bool fromHex(std::string_view Text, uint64_t &Value) {
  if (Text.size() != 16)
    return false;
  Value = 0;
  for (char C : Text) {
    int D = detail::hexValue(C);
    if (D < 0)
      return false;
    Value = Value << 4 | unsigned(D);
  }
  return true;
}

/// Parses a key written as 32 hex digits.
inline bool parseKey(std::string_view Text, Key &K) {
  return Text.size() == KeyDigits && fromHex(Text.substr(0, 16), K.K0) &&
         fromHex(Text.substr(16), K.K1);
}

/// Whether \p Line (without its newline) is a record authenticated by
/// \p K: the prefix, the hash of the rest, then `",`.
inline bool verify(const Key &K, std::string_view Line) {
  size_t BodyStart = Prefix.size() + MacDigits + 2;
  if (Line.size() < BodyStart || Line.substr(0, Prefix.size()) != Prefix ||
      Line.substr(Prefix.size() + MacDigits, 2) != "\",")
    return false;
  uint64_t Claimed;
  if (!fromHex(Line.substr(Prefix.size(), MacDigits), Claimed))
    return false;
  return Claimed == sipHash(K, Line.substr(BodyStart));
}

} // namespace racegate::streammac

#endif

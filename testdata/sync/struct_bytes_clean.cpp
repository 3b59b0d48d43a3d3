// expect: none
// One 8-byte struct, two threads: thread a writes only `hdr.flags` (byte 0) and
// thread b writes only `hdr.version` (byte 1). Distinct non-bitfield members are
// distinct memory locations, so there is no conflict even within one word
// (a detector must be byte-precise here).
#include <cstdint>
#include <cstdio>
#include <thread>

struct Header {
  uint8_t flags;
  uint8_t version;
  uint16_t length;
  uint32_t checksum;
};
static_assert(sizeof(Header) == 8);

Header hdr{};

void set_flags() {
  for (int i = 0; i < 100; ++i) hdr.flags = static_cast<uint8_t>(hdr.flags + 1);
}

void set_version() {
  for (int i = 0; i < 100; ++i) hdr.version = static_cast<uint8_t>(hdr.version + 2);
}

int main() {
  std::thread a(set_flags), b(set_version);
  a.join();
  b.join();
  std::printf("flags = %d, version = %d\n", hdr.flags, hdr.version);
  return 0;
}

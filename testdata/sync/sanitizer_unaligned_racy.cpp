// expect: data_race
// race-lines: 18 22
// The unaligned access entry points of <sanitizer/common_interface_defs.h>
// (declared here as that header declares them): two threads store to and
// load from the same unaligned word with no lock.
#include <cstdint>
#include <cstdio>
#include <thread>

extern "C" {
uint32_t __sanitizer_unaligned_load32(const void *p);
void __sanitizer_unaligned_store32(void *p, uint32_t x);
}

unsigned char buffer[16];

__attribute__((noinline)) void writer() {
  __sanitizer_unaligned_store32(buffer + 1, 0x01020304u);
}

__attribute__((noinline)) uint32_t reader() {
  return __sanitizer_unaligned_load32(buffer + 1);
}

int main() {
  uint32_t seen = 0;
  std::thread a(writer), b([&] { seen = reader(); });
  a.join();
  b.join();
  std::printf("seen = %x\n", seen);
  return 0;
}

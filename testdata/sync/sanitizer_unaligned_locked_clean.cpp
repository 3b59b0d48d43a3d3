// expect: none
// The unaligned access entry points of <sanitizer/common_interface_defs.h>
// used by two threads under one mutex: every 16-, 32- and 64-bit load and
// store works and nothing races.
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <thread>

extern "C" {
uint16_t __sanitizer_unaligned_load16(const void *p);
uint32_t __sanitizer_unaligned_load32(const void *p);
uint64_t __sanitizer_unaligned_load64(const void *p);
void __sanitizer_unaligned_store16(void *p, uint16_t x);
void __sanitizer_unaligned_store32(void *p, uint32_t x);
void __sanitizer_unaligned_store64(void *p, uint64_t x);
}

unsigned char buffer[32];
std::mutex lock;

void bump() {
  for (int i = 0; i < 100; ++i) {
    std::lock_guard<std::mutex> guard(lock);
    __sanitizer_unaligned_store16(buffer + 1, __sanitizer_unaligned_load16(buffer + 1) + 1);
    __sanitizer_unaligned_store32(buffer + 3, __sanitizer_unaligned_load32(buffer + 3) + 1);
    __sanitizer_unaligned_store64(buffer + 9, __sanitizer_unaligned_load64(buffer + 9) + 1);
  }
}

int main() {
  std::thread a(bump), b(bump);
  a.join();
  b.join();
  bool ok = __sanitizer_unaligned_load16(buffer + 1) == 200 &&
            __sanitizer_unaligned_load32(buffer + 3) == 200 &&
            __sanitizer_unaligned_load64(buffer + 9) == 200;
  std::printf("%s\n", ok ? "ok" : "wrong");
  return ok ? 0 : 1;
}

//===- RealFunctions.cpp --------------------------------------------------===//
#include "RealFunctions.h"

#include <dlfcn.h>
#include <unistd.h>

namespace racegate::shim {
void libcResolve(); // LibcInterceptors.cpp
}

namespace racegate::real {

#define RACEGATE_REAL_FUNCTION(Ret, Name, Version, ...) Ret (*Name)(__VA_ARGS__);
#include "RealFunctions.def"
#undef RACEGATE_REAL_FUNCTION

static void *lookup(const char *Name, const char *Version) {
  void *P = Version ? dlvsym(RTLD_NEXT, Name, Version) : nullptr;
  if (!P)
    P = dlsym(RTLD_NEXT, Name);
  if (P)
    return P;
  static const char Msg[] = "racegate: cannot find a libc function to wrap\n";
  (void)!write(2, Msg, sizeof(Msg) - 1);
  _exit(2);
}

void resolve() {
#define RACEGATE_REAL_FUNCTION(Ret, Name, Version, ...)                        \
  Name = reinterpret_cast<Ret (*)(__VA_ARGS__)>(lookup(#Name, Version));
#include "RealFunctions.def"
#undef RACEGATE_REAL_FUNCTION
  shim::libcResolve();
}

} // namespace racegate::real

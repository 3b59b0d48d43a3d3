#include "Demangle.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>

namespace racegate {

std::string demangle(const std::string &linkageName) {
  // __cxa_demangle also accepts bare type encodings, so a C function called
  // "i" or "f" would come back as "int" or "float". Only symbol names (which
  // always start with _Z) are given to it.
  if (linkageName.rfind("_Z", 0) != 0)
    return linkageName;
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> demangled(
      abi::__cxa_demangle(linkageName.c_str(), nullptr, nullptr, &status),
      &std::free);
  if (status != 0 || !demangled)
    return linkageName;
  return demangled.get();
}

} // namespace racegate

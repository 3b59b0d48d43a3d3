#pragma once

#include <filesystem>

namespace racegate {

// A private (mode 0700) directory under $TMPDIR or /tmp for objects, the
// linked program and the findings stream; removed with its contents on
// destruction unless keep() was called (to leave evidence for the user).
class TempDir {
public:
  TempDir(); // throws ToolError
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::filesystem::path &path() const { return dir; }
  void keep() { isKept = true; }

private:
  std::filesystem::path dir;
  bool isKept = false;
};

} // namespace racegate

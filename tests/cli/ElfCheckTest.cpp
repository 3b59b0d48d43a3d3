#include "ElfCheck.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace racegate;

namespace {

// A file in the test's temporary directory, removed afterwards.
class ScratchFile {
public:
  explicit ScratchFile(const std::string &contents)
      : path(std::filesystem::temp_directory_path() /
             ("racegate-elf-test-" + std::to_string(::getpid()))) {
    std::ofstream(path, std::ios::binary) << contents;
  }
  ~ScratchFile() { std::filesystem::remove(path); }

  std::filesystem::path path;
};

std::string prefixOf(const std::filesystem::path &file, size_t size) {
  std::ifstream in(file, std::ios::binary);
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  return bytes.substr(0, size);
}

} // namespace

TEST(ElfCheck, NonElfFile) {
  ScratchFile script("#!/bin/sh\necho hello\n");
  EXPECT_EQ(inspectBinary(script.path), BinaryVerdict::NotElf);
  ScratchFile empty("");
  EXPECT_EQ(inspectBinary(empty.path), BinaryVerdict::NotElf);
}

TEST(ElfCheck, UninstrumentedSystemBinary) {
  EXPECT_EQ(inspectBinary("/bin/true"), BinaryVerdict::NotInstrumented);
}

TEST(ElfCheck, InstrumentedBinary) {
  EXPECT_EQ(inspectBinary(RACEGATE_FAKE_PROGRAM), BinaryVerdict::Instrumented);
}

TEST(ElfCheck, TruncatedElfIsRejectedWithoutCrashing) {
  for (size_t size : {4u, 20u, 64u, 200u, 4096u}) {
    ScratchFile truncated(prefixOf(RACEGATE_FAKE_PROGRAM, size));
    EXPECT_NE(inspectBinary(truncated.path), BinaryVerdict::Instrumented)
        << size;
  }
}

TEST(ElfCheck, MissingFileAndDirectory) {
  EXPECT_EQ(inspectBinary("/nonexistent/racegate/program"),
            BinaryVerdict::Unreadable);
  EXPECT_EQ(inspectBinary("/"), BinaryVerdict::NotElf);
}

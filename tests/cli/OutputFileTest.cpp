// The files racegate writes never replace the user's: not an input, not
// through a planted symbolic link, not an existing file in a shared
// directory.

#include "Diagnostics.h"
#include "OutputFile.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace racegate;

namespace {

class OutputFile : public ::testing::Test {
protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("racegate-output-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "v.c") << "int main(void) { return 0; }\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  std::string at(const char *name) const { return (dir / name).string(); }

  std::filesystem::path dir;
};

} // namespace

TEST_F(OutputFile, RefusesAnInputUnderAnyName) {
  std::filesystem::create_symlink("v.c", dir / "alias.c");
  std::filesystem::create_hard_link(dir / "v.c", dir / "hard.c");
  for (const char *name : {"v.c", "alias.c", "hard.c"})
    EXPECT_THROW(refuseToClobber(at(name), {at("v.c")}, "-o"), ToolError)
        << name;
  EXPECT_THROW(refuseToClobber((dir / "." / "v.c").string(), {at("v.c")}, "-o"),
               ToolError);
  EXPECT_NO_THROW(refuseToClobber(at("report.json"), {at("v.c")}, "-o"));
}

TEST_F(OutputFile, RefusesADirectory) {
  EXPECT_THROW(refuseToClobber(dir.string(), {}, "-o"), ToolError);
}

TEST_F(OutputFile, DoesNotFollowSymbolicLinks) {
  std::filesystem::create_symlink("v.c", dir / "link.json");
  for (bool exclusive : {false, true}) {
    errno = 0;
    EXPECT_EQ(openReportFile(at("link.json"), exclusive), -1);
    EXPECT_TRUE(errno == ELOOP || errno == EEXIST) << errno;
  }
  std::ifstream source(dir / "v.c");
  std::string text((std::istreambuf_iterator<char>(source)), {});
  EXPECT_EQ(text, "int main(void) { return 0; }\n");
}

TEST_F(OutputFile, ExclusiveOpenKeepsAnExistingFile) {
  std::ofstream(dir / "taken.json") << "{}";
  errno = 0;
  EXPECT_EQ(openReportFile(at("taken.json"), true), -1);
  EXPECT_EQ(errno, EEXIST);
  int fd = openReportFile(at("new.json"), true);
  EXPECT_GE(fd, 0);
  ::close(fd);
}

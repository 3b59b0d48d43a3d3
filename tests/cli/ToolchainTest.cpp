#include "Toolchain.h"

#include <gtest/gtest.h>

using namespace racegate;

namespace {

Toolchain testToolchain() {
  return Toolchain{"/usr/bin/clang-14", "/usr/bin/clang++-14", "/opt/rg/lib"};
}

using Args = std::vector<std::string>;

} // namespace

TEST(Toolchain, LanguageByExtension) {
  EXPECT_EQ(languageOfSource("a.c"), SourceLanguage::C);
  for (const char *name : {"a.cc", "a.cpp", "a.cxx", "dir.x/a.C"})
    EXPECT_EQ(languageOfSource(name), SourceLanguage::Cxx) << name;
  for (const char *name : {"a.h", "a.CPP", "a", "a.c.txt", "a.rs"})
    EXPECT_FALSE(languageOfSource(name).has_value()) << name;
}

TEST(Toolchain, DefaultCompileCommands) {
  EXPECT_EQ(
      compileCommand(testToolchain(), SourceLanguage::C, "m.c", "m.o",
                     std::nullopt),
      (Args{"/usr/bin/clang-14", "-g", "-O1",
            "-fpass-plugin=/opt/rg/lib/RacegatePass.so",
            "-fno-omit-frame-pointer", "-pthread", "-c", "m.c", "-o", "m.o"}));
  EXPECT_EQ(compileCommand(testToolchain(), SourceLanguage::Cxx, "m.cpp", "m.o",
                           std::nullopt),
            (Args{"/usr/bin/clang++-14", "-std=c++20", "-g", "-O1",
                  "-fpass-plugin=/opt/rg/lib/RacegatePass.so",
                  "-fno-omit-frame-pointer", "-pthread", "-c", "m.cpp", "-o",
                  "m.o"}));
}

TEST(Toolchain, UserFlagsReplaceDefaultsAndKeepDebugInfo) {
  Args command = compileCommand(testToolchain(), SourceLanguage::Cxx, "m.cpp",
                                "m.o", Args{"-O2", "-std=c++17"});
  EXPECT_EQ(command, (Args{"/usr/bin/clang++-14", "-O2", "-std=c++17", "-g",
                           "-fpass-plugin=/opt/rg/lib/RacegatePass.so",
                           "-fno-omit-frame-pointer", "-pthread", "-c", "m.cpp",
                           "-o", "m.o"}));
  Args withDebug = compileCommand(testToolchain(), SourceLanguage::C, "m.c",
                                  "m.o", Args{"-O0", "-g3"});
  EXPECT_EQ(std::count(withDebug.begin(), withDebug.end(), "-g"), 0);
}

TEST(Toolchain, SplitFlags) {
  EXPECT_EQ(splitFlags({"-O2  -DX=1", "-Wall", "", "\t-g "}),
            (Args{"-O2", "-DX=1", "-Wall", "-g"}));
}

TEST(Toolchain, LinkCommand) {
  EXPECT_EQ(linkCommand(testToolchain(), {"/t/0-a.o", "/t/1-b.o"}, "/t/a"),
            (Args{"/usr/bin/clang++-14", "/t/0-a.o", "/t/1-b.o", "-o", "/t/a",
                  "-Wl,--whole-archive", "/opt/rg/lib/libracegate_rt.a",
                  "-Wl,--no-whole-archive", "-pthread", "-ldl", "-rdynamic"}));
}

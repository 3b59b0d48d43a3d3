#include "Diagnostics.h"
#include "TempDir.h"
#include "Toolchain.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace racegate;

namespace {

Toolchain testToolchain() {
  return Toolchain{"/usr/bin/clang-14", "/usr/bin/clang++-14", "/opt/rg/lib",
                   std::nullopt};
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

namespace {

// A directory holding a plugin version file and a stand-in compiler that
// reports `compilerVersion` to -dumpversion.
struct FakeInstallation {
  TempDir dir;
  std::filesystem::path compiler = dir.path() / "clang++";

  FakeInstallation(const std::string &pluginVersion,
                   const std::string &compilerVersion) {
    std::ofstream(dir.path() / "llvm-version") << pluginVersion << "\n";
    std::ofstream(compiler) << "#!/bin/sh\necho " << compilerVersion << "\n";
    std::filesystem::permissions(compiler,
                                 std::filesystem::perms::owner_all);
  }
};

} // namespace

TEST(Toolchain, ReadsThePluginsLlvmVersion) {
  FakeInstallation install("19", "19.1.7");
  EXPECT_EQ(makeDefaultToolchain(install.dir.path()).pluginLlvmMajor, 19);
  TempDir empty;
  EXPECT_FALSE(makeDefaultToolchain(empty.path()).pluginLlvmMajor);
}

TEST(Toolchain, CompilerOfThePluginsVersionIsAccepted) {
  FakeInstallation install("19", "19.1.7");
  Toolchain toolchain = makeDefaultToolchain(install.dir.path());
  EXPECT_EQ(compilerMajorVersion(install.compiler.string()), 19);
  EXPECT_NO_THROW(
      requireCompilerMatchingPlugin(toolchain, install.compiler.string()));
}

TEST(Toolchain, CompilerOfAnotherVersionIsAnError) {
  FakeInstallation install("22", "14.0.6");
  Toolchain toolchain = makeDefaultToolchain(install.dir.path());
  try {
    requireCompilerMatchingPlugin(toolchain, install.compiler.string());
    FAIL() << "no error for clang 14 with a plugin for LLVM 22";
  } catch (const ToolError &error) {
    std::string message = error.what();
    EXPECT_NE(message.find("version 14"), std::string::npos) << message;
    EXPECT_NE(message.find("built for LLVM 22"), std::string::npos) << message;
  }
}

TEST(Toolchain, CompilerThatDoesNotRunIsAnError) {
  FakeInstallation install("22", "22.1.8");
  Toolchain toolchain = makeDefaultToolchain(install.dir.path());
  EXPECT_THROW(requireCompilerMatchingPlugin(
                   toolchain, (install.dir.path() / "missing").string()),
               ToolError);
}

#include "CompilerWrapper.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace racegate;

namespace {

const Toolchain kToolchain{"/usr/bin/clang-14", "/usr/bin/clang++-14",
                           "/opt/rg/lib", std::nullopt};

bool contains(const std::vector<std::string> &argv, const std::string &item) {
  return std::find(argv.begin(), argv.end(), item) != argv.end();
}

WrappedCommand wrapC(std::vector<std::string> arguments) {
  return wrapCompilerCommand(kToolchain, false, arguments);
}

WrappedCommand wrapCxx(std::vector<std::string> arguments) {
  return wrapCompilerCommand(kToolchain, true, arguments);
}

} // namespace

TEST(CompilerWrapper, CompileOnlyInstrumentsWithoutLinking) {
  WrappedCommand command =
      wrapCxx({"-O2", "-Iinclude", "-c", "src/a.cpp", "-o", "a.o"});
  EXPECT_EQ(command.argv.front(), "/usr/bin/clang++-14");
  // The user's arguments come first, unchanged and in order.
  EXPECT_EQ(std::vector<std::string>(command.argv.begin() + 1,
                                     command.argv.begin() + 7),
            (std::vector<std::string>{"-O2", "-Iinclude", "-c", "src/a.cpp",
                                      "-o", "a.o"}));
  EXPECT_TRUE(command.instruments);
  EXPECT_FALSE(command.linksRuntime);
  EXPECT_TRUE(
      contains(command.argv, "-fpass-plugin=/opt/rg/lib/RacegatePass.so"));
  EXPECT_TRUE(contains(command.argv, "-fno-omit-frame-pointer"));
  EXPECT_TRUE(contains(command.argv, "-g"));
}

TEST(CompilerWrapper, UserDebugFlagsAreRespected) {
  EXPECT_FALSE(contains(wrapC({"-gline-tables-only", "-c", "a.c"}).argv, "-g"));
}

TEST(CompilerWrapper, LinkingAddsTheRuntime) {
  WrappedCommand command = wrapCxx({"a.o", "b.o", "-o", "app"});
  EXPECT_FALSE(command.instruments); // only objects: nothing to compile
  EXPECT_TRUE(command.linksRuntime);
  EXPECT_TRUE(contains(command.argv, "/opt/rg/lib/libracegate_rt.a"));
  EXPECT_TRUE(contains(command.argv, "-rdynamic"));
  EXPECT_FALSE(contains(command.argv, "-lstdc++"));
  // The runtime is C++: a C link needs libstdc++ added.
  EXPECT_TRUE(contains(wrapC({"a.o", "-o", "app"}).argv, "-lstdc++"));
}

TEST(CompilerWrapper, CompileAndLinkInOneStepDoesBoth) {
  WrappedCommand command = wrapC({"main.c", "-o", "app"});
  EXPECT_TRUE(command.instruments);
  EXPECT_TRUE(command.linksRuntime);
}

TEST(CompilerWrapper, SharedLibrariesLeaveTheRuntimeToTheExecutable) {
  WrappedCommand command = wrapCxx({"-shared", "a.o", "-o", "libx.so"});
  EXPECT_FALSE(command.linksRuntime);
}

TEST(CompilerWrapper, ProbesAndPreprocessingPassThrough) {
  for (std::vector<std::string> arguments :
       {std::vector<std::string>{"--version"},
        {"-v"},
        {"-E", "a.c"},
        {"-M", "a.c"},
        {"-dumpmachine"}}) {
    WrappedCommand command = wrapC(arguments);
    EXPECT_FALSE(command.instruments) << arguments.front();
    EXPECT_FALSE(command.linksRuntime) << arguments.front();
    EXPECT_EQ(command.argv.size(), arguments.size() + 1);
  }
}

TEST(CompilerWrapper, OptionValuesAreNotInputs) {
  // "-o out.c" names the output, and "-MF deps.d" a file: neither is a
  // source, so this only links.
  WrappedCommand command = wrapC({"x.o", "-o", "out.c"});
  EXPECT_FALSE(command.instruments);
  EXPECT_TRUE(wrapC({"-x", "c", "-c", "prog"}).instruments);
}

TEST(CompilerWrapper, LauncherModeUsesTheGivenCompiler) {
  // CMAKE_CXX_COMPILER_LAUNCHER=racegate;c++ puts the compiler first.
  WrappedCommand command = wrapCxx({"clang++-14", "-c", "a.cpp", "-o", "a.o"});
  EXPECT_EQ(command.argv.front(), "clang++-14");
  EXPECT_EQ(command.argv[1], "-c");
  EXPECT_TRUE(command.instruments);
  // A source file named like a compiler is still a source.
  EXPECT_EQ(wrapC({"clang.c", "-c"}).argv.front(), "/usr/bin/clang-14");
}

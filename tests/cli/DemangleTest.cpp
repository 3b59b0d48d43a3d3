#include "Demangle.h"

#include <gtest/gtest.h>

using racegate::demangle;

TEST(Demangle, DemanglesItaniumNames) {
  EXPECT_EQ(demangle("_Z9incrementv"), "increment()");
  EXPECT_EQ(demangle("_ZN3app6Worker3runEi"), "app::Worker::run(int)");
  EXPECT_EQ(demangle("_ZNSt6vectorIiSaIiEE9push_backERKi"),
            "std::vector<int, std::allocator<int> >::push_back(int const&)");
}

TEST(Demangle, LeavesCNamesAlone) {
  EXPECT_EQ(demangle("main"), "main");
  EXPECT_EQ(demangle("worker_thread"), "worker_thread");
  // Valid type encodings: __cxa_demangle alone would turn them into "int".
  EXPECT_EQ(demangle("i"), "i");
  EXPECT_EQ(demangle("f"), "f");
}

TEST(Demangle, LeavesInvalidAndEmptyNamesAlone) {
  EXPECT_EQ(demangle("_Zgarbage!"), "_Zgarbage!");
  EXPECT_EQ(demangle(""), "");
  EXPECT_EQ(demangle("??"), "??");
}

#include "ProgressLine.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

using namespace racegate;
using namespace std::chrono_literals;

TEST(ProgressLine, ShowsElapsedThreadsAndFindings) {
  EXPECT_EQ(formatProgressLine(3250ms, 4, 1),
            "racegate: 3.2 s, 4 threads, 1 finding so far");
  EXPECT_EQ(formatProgressLine(1000ms, 1, 0),
            "racegate: 1.0 s, 1 thread, 0 findings so far");
  // Threads unknown (the process is gone): left out.
  EXPECT_EQ(formatProgressLine(1500ms, -1, 2),
            "racegate: 1.5 s, 2 findings so far");
}

TEST(ProgressLine, CountsThreadsOfALiveProcess) {
  EXPECT_GE(countThreads(getpid()), 1);
  EXPECT_EQ(countThreads(-5), -1);
}

TEST(ProgressLine, CountsFindingRecordsAsTheyAreAppended) {
  TempDir dir;
  std::filesystem::path stream = dir.path() / "findings.jsonl";
  FindingCounter counter(stream);
  EXPECT_EQ(counter.update(), 0); // not created yet
  std::ofstream out(stream);
  out << R"({"type":"start","pid":1})"
      << "\n"
      << R"({"type":"finding","kind":"data_race"})"
      << "\n"
      << R"({"type":"finding","ki)" << std::flush;
  EXPECT_EQ(counter.update(), 1); // the last line is still being written
  out << R"(nd":"deadlock"})"
      << "\n"
      << std::flush;
  EXPECT_EQ(counter.update(), 2);
  EXPECT_EQ(counter.update(), 2);
}
